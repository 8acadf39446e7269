using System.Net;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace GitOpsHQ.Server.Tests.Audit;

/// <summary>A change kept in the database and its audit record commit together: no record, no change.</summary>
public sealed class AuditAtomicityTests
{
    [Fact]
    public async Task A_change_whose_record_cannot_be_written_does_not_happen()
    {
        await using var server = await TestServer.StartAsync();
        using var admin = server.Http();
        var (_, before) = await admin.Get("/api/v2/user/tokens");
        var (_, registryBefore) = await admin.Get("/api/v2/org/registry-tokens");

        // The trail refuses every new record from now on.
        using (var connection = TestServer.OpenDatabase(server.DataPath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = TestServer.OnPostgres
                ? "CREATE FUNCTION refuse_records() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''audit trail unavailable''; END'; " +
                  "CREATE TRIGGER refuse_records BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_records();"
                : "CREATE TRIGGER refuse_records BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit trail unavailable'); END;";
            command.ExecuteNonQuery();
        }

        var (status, _) = await admin.Post("/api/v2/user/tokens", new { name = "unrecorded" });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        var (registryStatus, _) = await admin.Post("/api/v2/org/registry-tokens", new { name = "unrecorded", scope = "pull", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.InternalServerError, registryStatus);
        var (userStatus, _) = await admin.Post("/api/v2/users", new { username = "unrecorded", role = "VIEWER" });
        Assert.Equal(HttpStatusCode.InternalServerError, userStatus);

        var (_, after) = await admin.Get("/api/v2/user/tokens");
        var (_, registryAfter) = await admin.Get("/api/v2/org/registry-tokens");
        Assert.Equal(Names(before), Names(after));
        Assert.Equal(Names(registryBefore), Names(registryAfter));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get("/api/v2/users/unrecorded")).Status);
    }

    private static List<string> Names(System.Text.Json.Nodes.JsonNode list) =>
        list["tokens"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order().ToList();
}
