using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using SessionClient = GitOpsHQ.Contracts.Org.V1.Session.SessionClient;
using System.Net;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;
using File = System.IO.File;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Browser sign-in: a password or a personal access token starts a server-side session held in an HttpOnly, SameSite=Strict
/// cookie; requests it authenticates carry the session's CSRF token; it works for the API only, as the user's token would.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Password = "a long enough password";

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

    private async Task CreateUserAsync(string username, string role, string? password = Password)
    {
        var (status, body) = await _admin.Post("/api/v2/users", password is null ? new { username, role } : new { username, role, password });
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
    }

    [Fact]
    public async Task The_admin_signs_in_with_the_password_file_and_gets_a_strict_http_only_cookie()
    {
        var file = Path.Combine(_server.DataPath, "admin-password");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var password = File.ReadAllText(file).Trim();
        Assert.Equal(_server.AdminPassword, password);
        Assert.True(password.Length >= 12);

        using var browser = new Browser(_server);
        using var response = await browser.SendRawAsync(HttpMethod.Post, "/api/v2/session", new { username = "admin", password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(Browser.CookieName + "=gqs_", cookie);
        var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=strict", flags);
        Assert.Contains("path=/", flags);
        Assert.DoesNotContain("secure", flags); // plain http here; https requests get Secure
        Assert.DoesNotContain(flags, f => f.StartsWith("expires") || f.StartsWith("max-age")); // ends with the browser, or sooner on the server

        var signedIn = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("admin", signedIn["user"]!.Str("username"));
        Assert.True(signedIn["user"]!["hasPassword"]!.GetValue<bool>());
        var expires = DateTimeOffset.Parse(signedIn.Str("expiresAt"));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        browser.Csrf = null;
        var (status, session) = await browser.GetAsync("/api/v2/session");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("admin", session["user"]!.Str("username"));
        Assert.Equal(signedIn.Str("csrfToken"), session.Str("csrfToken"));
    }

    [Fact]
    public async Task A_personal_access_token_signs_in_and_the_session_ends_with_the_token()
    {
        var token = await _server.TokenForAsync("tina", "VIEWER");
        using var browser = new Browser(_server);
        var (status, body) = await browser.SignInAsync(new { accessToken = token });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("tina", body["user"]!.Str("username"));
        Assert.False(body["user"]!["hasPassword"]?.GetValue<bool>() ?? false);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v2/org-charts")).Status);

        using var tina = _server.Http(token);
        var (_, tokens) = await tina.Get("/api/v2/user/tokens");
        await tina.Delete($"/api/v2/user/tokens/{tokens["tokens"]![0]!.Str("id")}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v2/session")).Status);
    }

    [Fact]
    public void The_cookie_is_secure_on_https()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Scheme = "https";
        Auth.SessionCookie.Set(http, "gqs_0123456789ab_secret");
        var cookie = http.Response.Headers.SetCookie.ToString().ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_browser_in()
    {
        using var browser = new Browser(_server);
        foreach (var site in new[] { "cross-site", "same-site" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/session")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { username = "admin", password = _server.AdminPassword }),
            };
            request.Headers.Add("Sec-Fetch-Site", site);
            using var response = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Null(browser.SessionCookie);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v2/session")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = "admin", password = _server.AdminPassword }),
        };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Registry_tokens_and_mixed_credentials_do_not_sign_in()
    {
        var (_, registry) = await _admin.Post("/api/v2/org/registry-tokens", new { name = "ci", scope = "pull" });
        using var browser = new Browser(_server);
        var (status, body) = await browser.SignInAsync(new { accessToken = registry.Str("value") });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("personal access token", body.Str("message"));

        (status, body) = await browser.SignInAsync(new { username = "admin", password = Password, accessToken = _server.AdminToken });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body) = await browser.SignInAsync(new { username = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("password", body.Str("message"));
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_and_the_old_cookie_is_refused()
    {
        await CreateUserAsync("sam", "EDITOR");
        using var browser = new Browser(_server);
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync("sam", Password)).Status);
        var oldCookie = browser.SessionCookie!;
        var csrf = browser.Csrf;

        // Signing out needs no CSRF header: ending a session is always safe.
        browser.Csrf = null;
        using (var signOut = await browser.SendRawAsync(HttpMethod.Delete, "/api/v2/session"))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
            Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Browser.CookieName + "=;"));
        }
        Assert.Null(browser.SessionCookie);

        // The same cookie, replayed as it was, is refused everywhere.
        using var replay = new HttpClient { BaseAddress = new Uri(_server.Url) };
        replay.DefaultRequestHeaders.Add("Cookie", $"{Browser.CookieName}={oldCookie}");
        replay.DefaultRequestHeaders.Add(Browser.CsrfHeader, csrf);
        var (status, body) = await replay.Get("/api/v2/org-charts");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("session has ended", body.Str("message"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.Get("/api/v2/session")).Status);
        var grpc = await Assert.ThrowsAsync<RpcException>(async () =>
            await new SessionClient(new Browser(_server).GrpcWeb()).GetSessionAsync(new GetSessionRequest()));
        Assert.Equal(StatusCode.Unauthenticated, grpc.StatusCode);
    }

    [Fact]
    public async Task Cookie_requests_need_the_csrf_header_over_rest()
    {
        await CreateUserAsync("cora", "EDITOR");
        using var browser = new Browser(_server);
        await browser.SignInAsync("cora", Password);
        var csrf = browser.Csrf!;

        browser.Csrf = null;
        var (status, body) = await browser.GetAsync("/api/v2/org-charts");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(7, body["code"]!.GetValue<int>());
        Assert.StartsWith("DENIED: ", body.Str("message"));
        Assert.Contains("X-GitOpsHQ-CSRF", body.Str("message"));
        (status, _) = await browser.SendAsync(HttpMethod.Post, "/api/v2/org-charts", new { name = "forged" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Get("/api/v2/org-charts/forged")).Status);

        browser.Csrf = csrf[..^2] + (csrf[^2..] == "AA" ? "BB" : "AA");
        (status, body) = await browser.GetAsync("/api/v2/org-charts");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("does not hold this session's CSRF token", body.Str("message"));

        browser.Csrf = csrf;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(HttpMethod.Post, "/api/v2/org-charts", new { name = "by-cora" })).Status);

        // The exempt calls: reading the session and server info need no header.
        browser.Csrf = null;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v2/session")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v2/server")).Status);
    }

    [Fact]
    public async Task Cookie_requests_need_the_csrf_header_over_grpc_web()
    {
        await CreateUserAsync("gwen", "EDITOR");
        using var browser = new Browser(_server);
        var session = new SessionClient(browser.GrpcWeb());
        var signedIn = await session.SignInAsync(new SignInRequest { Username = "gwen", Password = Password });
        Assert.Equal("gwen", signedIn.User.Username);
        Assert.NotNull(browser.SessionCookie);

        var catalog = new CatalogClient(browser.GrpcWeb());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await catalog.ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-charts" }));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("X-GitOpsHQ-CSRF", refused.Status.Detail);

        var current = await session.GetSessionAsync(new GetSessionRequest());
        Assert.Equal(signedIn.CsrfToken, current.CsrfToken);
        browser.Csrf = current.CsrfToken;
        await catalog.CreateArtifactAsync(new CreateArtifactRequest { Collection = "org-manifest-bundles", Name = "gwen-bundle", Scaffold = true });
        Assert.Single((await catalog.ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-manifest-bundles", Search = "gwen" })).Artifacts);

        await session.SignOutAsync(new SignOutRequest());
        var ended = await Assert.ThrowsAsync<RpcException>(async () => await catalog.ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-charts" }));
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
    }

    [Fact]
    public async Task Bearer_tokens_need_no_csrf_header_and_take_precedence_over_the_cookie()
    {
        await CreateUserAsync("vera", "VIEWER");
        using var browser = new Browser(_server);
        await browser.SignInAsync("vera", Password);
        browser.Csrf = null;

        // The admin's token with vera's cookie: the token decides — the caller is the admin, who may create, with no CSRF header.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/user"))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminToken);
            using var response = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"username\":\"admin\"", await response.Content.ReadAsStringAsync());
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/org-charts"))
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { name = "by-token" });
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.AdminToken);
            using var response = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // A wrong token is refused even with a valid cookie beside it.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v2/org-charts");
        wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "gqp_000000000000_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task The_cookie_does_not_authenticate_the_registry_git_or_the_helm_repository()
    {
        await _admin.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
        using var browser = new Browser(_server);
        await browser.SignInAsync("admin", _server.AdminPassword!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v2/org-charts/web")).Status);

        foreach (var path in new[] { "/v2/", "/v2/_catalog", "/v2/charts/web/tags/list", "/git/charts/web.git/info/refs?service=git-upload-pack", "/helm/index.yaml" })
        {
            using var response = await browser.SendRawAsync(HttpMethod.Get, path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        }
        using var push = await browser.SendRawAsync(HttpMethod.Post, "/v2/charts/web/blobs/uploads/");
        Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_is_authorised_exactly_as_their_token_and_publishes_as_ui()
    {
        await CreateUserAsync("viv", "VIEWER");
        await CreateUserAsync("ed", "EDITOR");
        await _admin.Post("/api/v2/org-manifest-bundles", new { name = "shared", scaffold = true });

        using var viewer = new Browser(_server);
        await viewer.SignInAsync("viv", Password);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v2/org-manifest-bundles/shared/tree")).Status);
        var (status, body) = await viewer.SendAsync(HttpMethod.Post, "/api/v2/org-manifest-bundles/shared/versions", new { version = "1.0.0" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("role", body.Str("message"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v2/users")).Status);

        using var editor = new Browser(_server);
        await editor.SignInAsync("ed", Password);
        (status, body) = await editor.SendAsync(HttpMethod.Post, "/api/v2/org-manifest-bundles/shared/versions", new { version = "1.0.0" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("ui", body.Str("source"));
        Assert.Equal("ed", body["publisher"]!.Str("username"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/v2/users")).Status);

        var head = await _admin.WriteFile("org-manifest-bundles", "shared", "more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more\n");
        (status, body) = await _admin.Post("/api/v2/org-manifest-bundles/shared/versions", new { version = "1.1.0", commit = head });
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("api", body.Str("source"));
        var (_, versions) = await _admin.Get("/api/v2/org-manifest-bundles/shared/versions");
        Assert.Equal(["api", "ui"], versions["versions"]!.AsArray().Select(v => v!.Str("source")));
    }

    [Fact]
    public async Task Server_info_is_open_to_anyone()
    {
        using var anonymous = _server.Http("");
        var (status, info) = await anonymous.Get("/api/v2/server");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Hosting.BuildVersion.Text, info.Str("version"));
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Str("version"));
        Assert.Equal(new Uri(_server.Url).Authority, info.Str("publicHost"));
        var collections = info["collections"]!.AsArray();
        Assert.Equal(["org-charts", "org-kustomize-bases", "org-manifest-bundles"], collections.Select(c => c!.Str("collection")).Order());
        var charts = collections.Single(c => c!.Str("kind") == "charts")!;
        Assert.Equal("helm", charts.Str("sourceType"));
        Assert.Equal("org-charts", charts.Str("collection"));
        Assert.NotEqual("", charts.Str("displayName"));

        var grpc = await new SessionClient(_server.Grpc("")).GetServerInfoAsync(new GetServerInfoRequest());
        Assert.Equal(info.Str("version"), grpc.Version);
    }

    [Fact]
    public void Build_versions_keep_a_short_commit()
    {
        Assert.Equal("1.4.0+3f2a9c1", Hosting.BuildVersion.Shorten("1.4.0+3f2a9c1e0b4f8d7a6c5b4a39281706f5e4d3c2b1"));
        Assert.Equal("1.4.0", Hosting.BuildVersion.Shorten("1.4.0"));
        Assert.Equal("1.4.0+build.7", Hosting.BuildVersion.Shorten("1.4.0+build.7"));
    }

    [Fact]
    public async Task Passwords_and_session_secrets_are_stored_only_as_hashes()
    {
        await CreateUserAsync("hal", "VIEWER");
        using var browser = new Browser(_server);
        await browser.SignInAsync("hal", Password);
        var secret = browser.SessionCookie!.Split('_', 3)[2];
        var stored = ReadDatabase();
        Assert.DoesNotContain(Password, stored);
        Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain(_server.AdminPassword!, stored);
        Assert.DoesNotContain(browser.Csrf!, stored);
    }

    private string ReadDatabase()
    {
        return System.Text.Encoding.Latin1.GetString(TestServer.StoredBytes(_server.DataPath));
    }
}
