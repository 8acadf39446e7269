using System.Data.Common;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The tables of one module (external sources, workloads) in the server's database, registered with its migrations the
/// first time a connection is asked for (and at start, by the module's registration).
/// </summary>
public sealed class ModuleTables(Database database, SchemaModule module)
{
    private volatile bool _ready;

    public DbConnection Open()
    {
        if (!_ready)
        {
            database.Register(module);
            _ready = true;
        }
        return database.Open();
    }
}
