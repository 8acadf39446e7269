using System.Security.Claims;
using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Errors;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static GitOpsHQ.Contracts.Org.V1.Org;

namespace GitOpsHQ.Server.Api;

/// <summary>Users, roles and personal access tokens over gRPC, gRPC-Web and REST.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class OrgGrpcService(UserDirectory users, AccessTokens tokens, RegistryTokens registryTokens, Passwords passwords, SignInThrottle throttle,
    RevokedCredentials revoked, ILogger<OrgGrpcService> logger) : OrgBase
{
    [Authorize(Policy = Policies.Admin)]
    public override Task<CreateRegistryTokenResponse> CreateRegistryToken(CreateRegistryTokenRequest request, ServerCallContext context)
    {
        var (token, value) = registryTokens.Create(request.Name, request.Scope, request.ExpiresInDays, Caller(context).Username());
        RestResponse.Created(context);
        return Task.FromResult(new CreateRegistryTokenResponse { Token = ToProto(token), Value = value });
    }

    [Authorize(Policy = Policies.Admin)]
    public override Task<ListRegistryTokensResponse> ListRegistryTokens(ListRegistryTokensRequest request, ServerCallContext context) =>
        Task.FromResult(new ListRegistryTokensResponse { Tokens = { registryTokens.List().Select(ToProto) } });

    [Authorize(Policy = Policies.Admin)]
    public override async Task<Contracts.Org.V1.RegistryToken> RevokeRegistryToken(RevokeRegistryTokenRequest request, ServerCallContext context)
    {
        var token = registryTokens.Revoke(request.Id);
        await revoked.RevokedAsync(RegistryTokens.Prefix + token.Id);
        return ToProto(token);
    }

    public override Task<Contracts.Org.V1.User> GetCurrentUser(GetCurrentUserRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(users.Find(Caller(context).Username())!));

    [Authorize(Policy = Policies.Admin)]
    public override Task<ListUsersResponse> ListUsers(ListUsersRequest request, ServerCallContext context) =>
        Task.FromResult(new ListUsersResponse { Users = { users.List().Select(ToProto) } });

    [Authorize(Policy = Policies.Admin)]
    public override Task<Contracts.Org.V1.User> CreateUser(CreateUserRequest request, ServerCallContext context)
    {
        // The password is checked before the user exists, so a refused password leaves no user behind.
        if (request.Password != "") Passwords.RequireValid(request.Password);
        var user = users.Create(request.Username, request.Name, request.Email, ToDomain(request.Role) ?? UserRole.Viewer);
        if (request.Password != "") user = passwords.Set(user.Username, request.Password);
        RestResponse.Created(context);
        return Task.FromResult(ToProto(user));
    }

    [Authorize(Policy = Policies.Admin)]
    public override Task<Contracts.Org.V1.User> ResetPassword(ResetPasswordRequest request, ServerCallContext context)
    {
        if (users.Find(request.Username) is null) throw new ProductException(ErrorCode.UserUnknown, $"There is no user '{request.Username}'.");
        var caller = Caller(context);
        // An admin resetting their own password stays signed in here; every other session of the user ends.
        var keep = request.Username == caller.Username() ? caller.FindFirstValue(SessionCookie.SessionClaim) : null;
        var user = passwords.Set(request.Username, request.Password, keep);
        logger.LogInformation("{Admin} set the password of {Username}", caller.Username(), user.Username);
        return Task.FromResult(ToProto(user));
    }

    public override Task<Contracts.Org.V1.User> ChangePassword(ChangePasswordRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var username = caller.Username();
        var address = context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Guessing the current password through this door is limited like signing in.
        if (throttle.Wait(username, address) is { } wait) throw SignInRefusals.TooMany(context, wait);
        var user = passwords.Change(username, request.CurrentPassword, request.NewPassword, caller.FindFirstValue(SessionCookie.SessionClaim));
        if (user is null)
        {
            throttle.Failed(username, address);
            logger.LogWarning("Wrong current password for {Username} from {Address} while changing it", username, address);
            throw new ProductException(ErrorCode.RequestInvalid, "current_password is not your current password.");
        }
        throttle.Succeeded(username);
        return Task.FromResult(ToProto(user));
    }

    [Authorize(Policy = Policies.Admin)]
    public override Task<Contracts.Org.V1.User> UpdateUser(UpdateUserRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(users.Update(request.Username, request.Name, request.Email, ToDomain(request.Role))));

    public override Task<CreateAccessTokenResponse> CreateAccessToken(CreateAccessTokenRequest request, ServerCallContext context)
    {
        var owner = TokenOwner(request.Username, context);
        var (token, secret) = tokens.Create(owner, request.Name, request.ExpiresInDays);
        RestResponse.Created(context);
        return Task.FromResult(new CreateAccessTokenResponse { Token = ToProto(token), Secret = secret });
    }

    public override Task<ListAccessTokensResponse> ListAccessTokens(ListAccessTokensRequest request, ServerCallContext context) =>
        Task.FromResult(new ListAccessTokensResponse { Tokens = { tokens.List(TokenOwner(request.Username, context)).Select(ToProto) } });

    public override async Task<Contracts.Org.V1.AccessToken> RevokeAccessToken(RevokeAccessTokenRequest request, ServerCallContext context)
    {
        var token = tokens.Find(request.Id) ?? throw new ProductException(ErrorCode.TokenUnknown, $"There is no token '{request.Id}'.");
        TokenOwner(token.Username, context);
        var revokedToken = tokens.Revoke(request.Id);
        await revoked.RevokedAsync(revokedToken.Id);
        return ToProto(revokedToken);
    }

    /// <summary>Anyone manages their own tokens; only admins manage another user's.</summary>
    private string TokenOwner(string requested, ServerCallContext context)
    {
        var caller = Caller(context);
        if (string.IsNullOrEmpty(requested)) requested = caller.Username();
        if (Access.Decide(caller, Operation.Administer, Resource.TokensOf(requested)) is { Allowed: false } refused)
            throw new ProductException(ErrorCode.Denied, refused.Reason);
        if (requested == caller.Username()) return requested;
        return users.Find(requested)?.Username ?? throw new ProductException(ErrorCode.UserUnknown, $"There is no user '{requested}'.");
    }

    private static System.Security.Claims.ClaimsPrincipal Caller(ServerCallContext context) => context.GetHttpContext().User;

    private static UserRole? ToDomain(Role role) => role == Role.Unspecified ? null : (UserRole)(int)role;

    internal static Contracts.Org.V1.User ToProto(Auth.User u) => new()
    {
        Username = u.Username, Name = u.Name, Email = u.Email, Role = (Role)(int)u.Role, CreatedAt = Timestamp.FromDateTimeOffset(u.CreatedAt),
        HasPassword = u.HasPassword,
    };

    private static Contracts.Org.V1.RegistryToken ToProto(Auth.RegistryToken t)
    {
        var token = new Contracts.Org.V1.RegistryToken
        {
            Id = t.Id, Name = t.Name, Scope = Auth.RegistryToken.ScopeName(t.Scope), CreatedBy = t.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(t.CreatedAt), Revoked = t.Revoked,
        };
        if (t.ExpiresAt is { } expires) token.ExpiresAt = Timestamp.FromDateTimeOffset(expires);
        if (t.LastUsedAt is { } used) token.LastUsedAt = Timestamp.FromDateTimeOffset(used);
        return token;
    }

    private static Contracts.Org.V1.AccessToken ToProto(Auth.AccessToken t)
    {
        var token = new Contracts.Org.V1.AccessToken
        {
            Id = t.Id, Name = t.Name, Username = t.Username, CreatedAt = Timestamp.FromDateTimeOffset(t.CreatedAt), Revoked = t.Revoked,
        };
        if (t.ExpiresAt is { } expires) token.ExpiresAt = Timestamp.FromDateTimeOffset(expires);
        if (t.LastUsedAt is { } used) token.LastUsedAt = Timestamp.FromDateTimeOffset(used);
        return token;
    }
}
