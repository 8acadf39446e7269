using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOpsHQ.Server.Tests;

public sealed class TokenUsageTests
{
    [Fact]
    public void A_batch_that_cannot_be_written_is_kept_for_the_next_one()
    {
        var root = Path.Combine(TempFolder.Create("usage"), "not-yet");
        try
        {
            var database = new Database(new DataLayout(root));
            var usage = new TokenUsage(database, NullLogger<TokenUsage>.Instance);
            var when = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
            usage.Record("t1", when);

            // The database cannot be opened yet: the batch fails and is kept.
            Assert.ThrowsAny<Exception>(usage.Flush);

            Directory.CreateDirectory(root);
            database.Migrate();
            using (var connection = database.Open())
            using (var insert = connection.Command(
                       "INSERT INTO users VALUES ('u', 'U', 'u@example.com', 1, 0); INSERT INTO access_tokens (id, username, name, hash, created_at) VALUES ('t1', 'u', 'n', x'00', 0)"))
                insert.ExecuteNonQuery();

            usage.Flush();
            using var read = database.Open();
            using var query = read.Command("SELECT last_used_at FROM access_tokens WHERE id = 't1'");
            Assert.Equal(when.ToUnixTimeSeconds(), (long)query.ExecuteScalar()!);
        }
        finally
        {
            TempFolder.Delete(Path.GetDirectoryName(root)!);
        }
    }
}
