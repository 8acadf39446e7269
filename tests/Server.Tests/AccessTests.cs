using System.Security.Claims;
using System.Text.Json;
using GitOpsHQ.Server.Auth;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// The one access decision, as a table: every kind of caller (anonymous, each role, each registry token scope, registry
/// bearer tokens with granted, refused and never-asked scopes) against every operation on every resource.
/// </summary>
public sealed class AccessTests
{
    private static readonly Resource[] Resources =
    [
        Resource.Catalog, Resource.Repository("charts/web"), Resource.RegistryListing, Resource.OrgSettings, Resource.TokensOf("me"),
        Resource.TokensOf("someone-else"), Resource.Workloads, Resource.AuditTrail,
        Resource.Metrics,
    ];

    private static readonly Operation[] Operations = [Operation.Read, Operation.Write, Operation.Administer];

    private static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());

    private static ClaimsPrincipal Person(params Claim[] claims) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "me"), .. claims], "Token"));

    private static ClaimsPrincipal WithRole(UserRole role) => Person(new Claim(ClaimTypes.Role, role.ToString()));

    /// <summary>What the session cookie vouches for: the user's claims, as their token gives them, and the session's id.</summary>
    private static ClaimsPrincipal SignedIn(UserRole role) =>
        Person(new Claim(ClaimTypes.Role, role.ToString()), new Claim(SessionCookie.SessionClaim, "0123456789ab"));

    private static ClaimsPrincipal RegistryToken(string scope) => Person(new Claim(Access.RegistryScopeClaim, scope));

    private static ClaimsPrincipal Bearer(bool listing, params RepositoryGrant[] grants) => Person(
        [new Claim(Access.BearerClaim, "1"), .. listing ? [new Claim(Access.ListingClaim, "1")] : Array.Empty<Claim>(),
            .. grants.Select(g => new Claim(Access.GrantClaim, JsonSerializer.Serialize(g)))]);

    /// <summary>
    /// Per caller, one letter per cell — A allowed, D denied, S insufficient scope (ask for a wider token) — for the
    /// resources catalog, repository charts/web, registry listing, org settings, own tokens, another user's tokens, workloads, the audit trail,
    /// the server's metrics (/metrics with Metrics:RequireToken), each for read, write, administer.
    /// </summary>
    public static TheoryData<string, string> Table => new()
    {
        { "anonymous", "DDD DDD DDD DDD DDD DDD DDD DDD DDD" },
        { "anonymous, anonymous pull on", "DDD ADD DDD DDD DDD DDD DDD DDD DDD" },
        { "viewer", "ADD ADD ADD DDD AAA DDD ADD DDD ADD" },
        { "editor", "AAD AAD AAD DDD AAA DDD AAD DDD ADD" },
        { "admin", "AAA AAA AAA AAA AAA AAA AAA ADD ADD" },
        { "viewer signed in (session cookie)", "ADD ADD ADD DDD AAA DDD ADD DDD ADD" },
        { "editor signed in (session cookie)", "AAD AAD AAD DDD AAA DDD AAD DDD ADD" },
        { "admin signed in (session cookie)", "AAA AAA AAA AAA AAA AAA AAA ADD ADD" },
        { "registry token pull", "DDD ADD ADD DDD DDD DDD DDD DDD DDD" },
        { "registry token push", "DDD DAD DAD DDD DDD DDD DDD DDD DDD" },
        { "registry token pull+push", "DDD AAD AAD DDD DDD DDD DDD DDD DDD" },
        { "bearer pull", "DDD ASD SSS DDD DDD DDD DDD DDD DDD" },
        { "bearer pull, push refused", "DDD ADD SSS DDD DDD DDD DDD DDD DDD" },
        { "bearer pull+push and listing", "DDD AAD AAA DDD DDD DDD DDD DDD DDD" },
        { "bearer for another repository", "DDD SSD SSS DDD DDD DDD DDD DDD DDD" },
        { "bearer push, pull refused", "DDD DAD SSS DDD DDD DDD DDD DDD DDD" },
    };

    private static (ClaimsPrincipal Who, bool AnonymousPull) Caller(string name) => name switch
    {
        "anonymous" => (Anonymous(), false),
        "anonymous, anonymous pull on" => (Anonymous(), true),
        "viewer" => (WithRole(UserRole.Viewer), false),
        "editor" => (WithRole(UserRole.Editor), false),
        "admin" => (WithRole(UserRole.Admin), false),
        "viewer signed in (session cookie)" => (SignedIn(UserRole.Viewer), false),
        "editor signed in (session cookie)" => (SignedIn(UserRole.Editor), false),
        "admin signed in (session cookie)" => (SignedIn(UserRole.Admin), false),
        "registry token pull" => (RegistryToken("pull"), false),
        "registry token push" => (RegistryToken("push"), false),
        "registry token pull+push" => (RegistryToken("pull+push"), false),
        "bearer pull" => (Bearer(false, new RepositoryGrant("charts/web", true, false)), false),
        "bearer pull, push refused" => (Bearer(false, new RepositoryGrant("charts/web", true, false, PushRefusal: "never")), false),
        "bearer pull+push and listing" => (Bearer(true, new RepositoryGrant("charts/web", true, true)), false),
        "bearer for another repository" => (Bearer(false, new RepositoryGrant("charts/other", true, true)), false),
        "bearer push, pull refused" => (Bearer(false, new RepositoryGrant("charts/web", false, true, PullRefusal: "never")), false),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_caller_gets_exactly_its_row(string caller, string row)
    {
        var (who, anonymousPull) = Caller(caller);
        var expected = row.Replace(" ", "");
        var actual = string.Concat(Resources.SelectMany(resource => Operations.Select(operation =>
            Access.Decide(who, operation, resource, anonymousPull).Outcome switch
            {
                AccessOutcome.Allowed => 'A',
                AccessOutcome.Denied => 'D',
                _ => 'S',
            })));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Refusals_say_what_would_allow_it()
    {
        Assert.Contains("needs the editor role or a push-scoped registry token",
            Access.Decide(WithRole(UserRole.Viewer), Operation.Write, Resource.Repository("charts/web")).Reason);
        Assert.Contains("lacks the push scope (its scope is pull)",
            Access.Decide(RegistryToken("pull"), Operation.Write, Resource.Repository("charts/web")).Reason);
        Assert.Contains("work only with the registry",
            Access.Decide(RegistryToken("pull+push"), Operation.Read, Resource.Catalog).Reason);
        Assert.Contains("needs the admin role", Access.Decide(WithRole(UserRole.Editor), Operation.Read, Resource.OrgSettings).Reason);
        Assert.Contains("reading the audit trail needs the admin role", Access.Decide(WithRole(UserRole.Editor), Operation.Read, Resource.AuditTrail).Reason);
        Assert.Contains("needs credentials", Access.Decide(Anonymous(), Operation.Read, Resource.Repository("charts/web")).Reason);
        Assert.Equal("never", Access.Decide(Bearer(false, new RepositoryGrant("charts/web", true, false, PushRefusal: "never")), Operation.Write,
            Resource.Repository("charts/web")).Reason);
    }

    /// <summary>
    /// Every method of the API's services and the policy it is authorised by (Viewer, Editor, Admin) or "anyone": a method
    /// added without its row fails here, so each endpoint's authorisation is decided in this one table.
    /// </summary>
    public static TheoryData<Type, string> ApiServices => new()
    {
        {
            typeof(Api.CatalogGrpcService),
            "ListArtifacts Viewer, CreateArtifact Editor, GetArtifact Viewer, UpdateArtifact Editor, DeleteArtifact Editor, GetTree Viewer, " +
            "GetFile Viewer, WriteFile Editor, DeleteFile Editor, RenameFile Editor, CommitChanges Editor, GetChanges Viewer, DiffRefs Viewer, " +
            "Validate Viewer, Render Viewer, ListVersions Viewer, PublishVersion Editor, GetVersion Viewer, GetPackage Viewer"
        },
        {
            typeof(Api.OrgGrpcService),
            "CreateRegistryToken Admin, ListRegistryTokens Admin, RevokeRegistryToken Admin, GetCurrentUser Viewer, ListUsers Admin, " +
            "CreateUser Admin, UpdateUser Admin, ResetPassword Admin, ChangePassword Viewer, CreateAccessToken Viewer, ListAccessTokens Viewer, " +
            "RevokeAccessToken Viewer"
        },
        { typeof(GitOpsHQ.Server.Audit.AuditGrpcService), "ListAuditRecords AuditReader" },
        { typeof(Api.SessionGrpcService), "GetServerInfo anyone, SignIn anyone, GetSession anyone, SignOut anyone" },
        {
            typeof(GitOpsHQ.Server.ExternalSources.SourcesGrpcService),
            "CreateOciCredential Admin, ListOciCredentials Admin, GetOciCredential Admin, UpdateOciCredential Admin, DeleteOciCredential Admin, " +
            "TestOciCredential Admin, SyncArtifact Editor"
        },
        {
            // Upgrades: a dry run reads; applying one is decided by the same Access rule inside the service (editors).
            typeof(GitOpsHQ.Server.Workloads.WorkloadsGrpcService),
            "CreateGitOpsRepository WorkloadEditor, ListGitOpsRepositories WorkloadViewer, GetGitOpsRepository WorkloadViewer, " +
            "DeleteGitOpsRepository WorkloadEditor, CreateWorkload WorkloadEditor, ListWorkloads WorkloadViewer, ListVersionWorkloads WorkloadViewer, " +
            "GetWorkload WorkloadViewer, UpdateWorkload WorkloadEditor, DeleteWorkload WorkloadEditor, UpgradeWorkload WorkloadViewer, " +
            "BulkUpgradeWorkloads WorkloadViewer, ListWorkloadHistory WorkloadViewer"
        },
    };

    [Theory]
    [MemberData(nameof(ApiServices))]
    public void Every_api_method_is_authorised_by_its_policy(Type service, string table)
    {
        var expected = table.Split(", ").Select(row => row.Split(' ')).ToDictionary(row => row[0], row => row[1]);
        var declared = service.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.GetBaseDefinition().DeclaringType != m.DeclaringType)
            .ToDictionary(m => m.Name, m => PolicyOf(service, m));
        Assert.Equal(expected.OrderBy(e => e.Key), declared.OrderBy(d => d.Key));
    }

    private static string PolicyOf(Type service, System.Reflection.MethodInfo method)
    {
        static T? Find<T>(System.Reflection.MemberInfo member) where T : Attribute => (T?)Attribute.GetCustomAttribute(member, typeof(T));
        if ((Find<Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute>(method) ?? Find<Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute>(service)) is not null)
            return "anyone";
        return (Find<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>(method) ?? Find<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>(service))?.Policy
               ?? "authenticated";
    }
}

