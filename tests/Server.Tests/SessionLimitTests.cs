using SessionClient = GitOpsHQ.Contracts.Org.V1.Session.SessionClient;
using System.Net;
using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests;

/// <summary>Sessions end when idle and at their absolute end; failed sign-ins are limited per username and per address.</summary>
public sealed class SessionLimitTests
{
    private const string Password = "a long enough password";

    /// <summary>X-Forwarded-For from 127.0.0.1 is believed, so each test can sign in from several addresses.</summary>
    private const string TrustLoopback = "--OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1";

    private static async Task CreateUserAsync(TestServer server, string username)
    {
        using var admin = server.Http();
        var (status, body) = await admin.Post("/api/v2/users", new { username, role = "EDITOR", password = Password });
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
    }

    /// <summary>Session times are kept to the second.</summary>
    private static void AssertAbout(DateTimeOffset expected, string actual) =>
        Assert.InRange(DateTimeOffset.Parse(actual), expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_session_ends_after_two_idle_hours_and_twelve_hours_after_sign_in()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock);
        await CreateUserAsync(server, "ida");

        using var idle = new Browser(server);
        await idle.SignInAsync("ida", Password);
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/api/v2/org-charts")).Status);
        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        var (status, session) = await idle.GetAsync("/api/v2/session");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAbout(clock.GetUtcNow().AddHours(2), session.Str("expiresAt"));
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/v2/org-charts")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.GetAsync("/api/v2/session")).Status);

        using var busy = new Browser(server);
        await busy.SignInAsync("ida", Password);
        var signedInAt = clock.GetUtcNow();
        while (clock.GetUtcNow() + TimeSpan.FromMinutes(90) < signedInAt.AddHours(12))
        {
            clock.Advance(TimeSpan.FromMinutes(90));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v2/org-charts")).Status);
        }
        // Used all along, it still ends at sign-in + 12 hours, and says so ahead.
        (status, session) = await busy.GetAsync("/api/v2/session");
        AssertAbout(signedInAt.AddHours(12), session.Str("expiresAt"));
        clock.Advance(signedInAt.AddHours(12) - clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Unauthorized, (await busy.GetAsync("/api/v2/org-charts")).Status);
    }

    [Fact]
    public async Task Timeouts_are_configurable()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock, "--Sessions:IdleTimeout=00:10:00", "--Sessions:AbsoluteTimeout=00:30:00");
        await CreateUserAsync(server, "kit");
        using var browser = new Browser(server);
        var (_, signedIn) = await browser.SignInAsync("kit", Password);
        AssertAbout(clock.GetUtcNow().AddMinutes(10), signedIn.Str("expiresAt"));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v2/org-charts")).Status);
    }

    [Fact]
    public async Task Five_failures_for_a_username_make_it_wait_and_the_log_names_user_and_address_but_no_secret()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        await using var server = await TestServer.StartWithAsync(null, clock, b => b.Logging.AddProvider(logs), TrustLoopback);
        await CreateUserAsync(server, "fay");
        await CreateUserAsync(server, "gus");

        using var attacker = new Browser(server, forwardedFor: "10.0.0.66");
        var wrongPasswords = Enumerable.Range(1, 5).Select(i => $"not-the-password-{i}").ToList();
        foreach (var wrong in wrongPasswords)
        {
            var (status, body) = await attacker.SignInAsync("fay", wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("UNAUTHORIZED: Wrong username or password.", body.Str("message"));
        }
        var (unknownStatus, unknown) = await attacker.SignInAsync("nobody", "whatever-it-is-12");
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal("UNAUTHORIZED: Wrong username or password.", unknown.Str("message"));

        // The right password from another address is refused too: the username waits.
        using var fay = new Browser(server, forwardedFor: "10.0.0.7");
        using (var refused = await fay.SendRawAsync(HttpMethod.Post, "/api/v2/session", new { username = "fay", password = Password }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("too many failed sign-ins; try again in 15 minutes", await refused.Content.ReadAsStringAsync());
            Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter!.Delta);
        }
        var grpc = await Assert.ThrowsAsync<RpcException>(async () =>
            await new SessionClient(fay.GrpcWeb()).SignInAsync(new SignInRequest { Username = "fay", Password = Password }));
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
        Assert.Contains("too many failed sign-ins", grpc.Status.Detail);

        // Another user is not held up.
        using (var gus = new Browser(server, forwardedFor: "10.0.0.7"))
            Assert.Equal(HttpStatusCode.OK, (await gus.SignInAsync("gus", Password)).Status);

        clock.Advance(TimeSpan.FromMinutes(10));
        var (laterStatus, later) = await fay.SignInAsync("fay", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, laterStatus);
        Assert.Contains("try again in 5 minutes", later.Str("message"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await fay.SignInAsync("fay", Password)).Status);

        var text = logs.Text;
        Assert.Contains("Failed sign-in for fay from 10.0.0.66", text);
        Assert.Contains("Failed sign-in for nobody from 10.0.0.66", text);
        Assert.Contains("too many failed sign-ins", text);
        foreach (var secret in wrongPasswords.Append(Password).Append("whatever-it-is-12")) Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public async Task Twenty_failures_from_an_address_make_it_wait_whatever_the_username()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        await using var server = await TestServer.StartWithAsync(null, clock, b => b.Logging.AddProvider(logs), TrustLoopback);
        await CreateUserAsync(server, "hana");

        using var spray = new Browser(server, forwardedFor: "10.0.0.99");
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await spray.SignInAsync($"user{i}", "guessing-passwords")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await spray.SignInAsync("hana", Password)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await spray.SignInAsync(new { accessToken = server.AdminToken })).Status);

        using (var elsewhere = new Browser(server, forwardedFor: "10.0.0.100"))
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync("hana", Password)).Status);

        // Wrong access tokens count as failures of the address, and are never logged.
        using var tokens = new Browser(server, forwardedFor: "10.0.0.101");
        var guess = "gqp_" + server.AdminToken[4..16] + "_guessedsecretvalue";
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await tokens.SignInAsync(new { accessToken = guess })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await tokens.SignInAsync(new { accessToken = server.AdminToken })).Status);
        Assert.Contains("Failed sign-in with an access token from 10.0.0.101", logs.Text);
        Assert.DoesNotContain("guessedsecretvalue", logs.Text);
        Assert.DoesNotContain(server.AdminToken, logs.Text);

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await spray.SignInAsync("hana", Password)).Status);
    }
}
