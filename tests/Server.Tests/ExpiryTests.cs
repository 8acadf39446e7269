using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

public sealed class ExpiryTests
{
    [Fact]
    public async Task Expired_tokens_are_refused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock);
        using var admin = server.Http();
        var (_, created) = await admin.Post("/api/v2/user/tokens", new { name = "short-lived", expiresInDays = 1 });
        using var shortLived = server.Http(created.Str("secret"));
        Assert.Equal(HttpStatusCode.OK, (await shortLived.Get("/api/v2/org-charts")).Status);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await shortLived.Get("/api/v2/org-charts")).Status);
    }
}
