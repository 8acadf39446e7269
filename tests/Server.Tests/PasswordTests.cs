using OrgClient = GitOpsHQ.Contracts.Org.V1.Org.OrgClient;
using System.Net;
using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;

namespace GitOpsHQ.Server.Tests;

/// <summary>Passwords: set by an admin (at creation or by reset) or changed by their user; at least 12 characters; a change ends other sessions.</summary>
public sealed class PasswordTests : IAsyncLifetime
{
    private const string First = "first password here";
    private const string Second = "second password here";

    private TestServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = _server.Http();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_short_password_is_refused_with_the_rule_and_creates_no_user()
    {
        var (status, body) = await _admin.Post("/api/v2/users", new { username = "shorty", role = "VIEWER", password = "elevenchars" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUEST_INVALID: password is too short: it has 11 characters; passwords have at least 12.", body.Str("message"));
        Assert.DoesNotContain((await _admin.Get("/api/v2/users")).Body["users"]!.AsArray(), u => u!.Str("username") == "shorty");

        (status, body) = await _admin.Post("/api/v2/users", new { username = "longer", role = "VIEWER", password = "twelve chars" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(body["hasPassword"]!.GetValue<bool>());
        (status, body) = await _admin.Post("/api/v2/users", new { username = "tokenonly", role = "VIEWER" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False(body["hasPassword"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public async Task An_admin_reset_sets_the_password_and_ends_the_users_sessions()
    {
        await _admin.Post("/api/v2/users", new { username = "rosa", role = "EDITOR", password = First });
        using var rosa = new Browser(_server);
        Assert.Equal(HttpStatusCode.OK, (await rosa.SignInAsync("rosa", First)).Status);

        var (status, body) = await _admin.Post("/api/v2/users/rosa/password", new { password = Second });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rosa", body.Str("username"));
        Assert.True(body["hasPassword"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await rosa.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rosa.SignInAsync("rosa", First)).Status);
        Assert.Equal(HttpStatusCode.OK, (await rosa.SignInAsync("rosa", Second)).Status);

        (status, body) = await _admin.Post("/api/v2/users/rosa/password", new { password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at least 12", body.Str("message"));
        (status, _) = await _admin.Post("/api/v2/users/nobody/password", new { password = Second });
        Assert.Equal(HttpStatusCode.NotFound, status);

        // Only admins reset passwords; an editor cannot reset even their own.
        var (forbidden, _) = await rosa.SendAsync(HttpMethod.Post, "/api/v2/users/rosa/password", new { password = "yet another password" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        using var editor = _server.Http(await _server.TokenForAsync("eli", "EDITOR"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Post("/api/v2/users/rosa/password", new { password = "yet another password" })).Status);
    }

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one_and_other_sessions_end()
    {
        await _admin.Post("/api/v2/users", new { username = "cleo", role = "VIEWER", password = First });
        using var here = new Browser(_server);
        using var elsewhere = new Browser(_server);
        await here.SignInAsync("cleo", First);
        await elsewhere.SignInAsync("cleo", First);

        var (status, body) = await here.SendAsync(HttpMethod.Post, "/api/v2/user/password", new { currentPassword = "not my password", newPassword = Second });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("current_password", body.Str("message"));
        (status, body) = await here.SendAsync(HttpMethod.Post, "/api/v2/user/password", new { currentPassword = First, newPassword = "too short" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("new_password is too short", body.Str("message"));

        (status, body) = await here.SendAsync(HttpMethod.Post, "/api/v2/user/password", new { currentPassword = First, newPassword = Second });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cleo", body.Str("username"));

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.SignInAsync("cleo", First)).Status);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync("cleo", Second)).Status);

        // Over gRPC with a token: the same rules.
        var token = (await _admin.Post("/api/v2/user/tokens", new { name = "cleo", username = "cleo" })).Body.Str("secret");
        var org = new OrgClient(_server.Grpc(token));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await org.ChangePasswordAsync(new ChangePasswordRequest { CurrentPassword = First, NewPassword = "a third password" }));
        Assert.Equal(StatusCode.InvalidArgument, wrong.StatusCode);
        Assert.True((await org.ChangePasswordAsync(new ChangePasswordRequest { CurrentPassword = Second, NewPassword = "a third password" })).HasPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await here.GetAsync("/api/v2/org-charts")).Status);
    }

    [Fact]
    public async Task A_user_without_a_password_gets_the_first_one_from_an_admin()
    {
        using var token = _server.Http(await _server.TokenForAsync("nell", "EDITOR"));
        var (status, body) = await token.Post("/api/v2/user/password", new { currentPassword = "", newPassword = First });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("has no password yet: an admin sets the first one", body.Str("message"));

        Assert.Equal(HttpStatusCode.OK, (await _admin.Post("/api/v2/users/nell/password", new { password = First })).Status);
        using var browser = new Browser(_server);
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync("nell", First)).Status);
        Assert.True((await token.Get("/api/v2/user")).Body["hasPassword"]!.GetValue<bool>());
    }
}
