using Microsoft.Data.Sqlite;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The tables of one module (external sources, workloads) in the server's database, created by their own
/// <c>CREATE … IF NOT EXISTS</c> schema the first time a connection is asked for.
/// </summary>
public sealed class ModuleTables(Database database, string schema)
{
    private volatile bool _ready;
    private readonly Lock _gate = new();

    public SqliteConnection Open()
    {
        if (!_ready)
        {
            lock (_gate)
            {
                if (!_ready)
                {
                    using var connection = database.Open();
                    using var command = connection.Command(schema);
                    command.ExecuteNonQuery();
                    _ready = true;
                }
            }
        }
        return database.Open();
    }
}
