using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>What the catalog lists for one artifact; derived from its repository, rebuilt from Git at will.</summary>
public sealed record ArtifactSummary(
    string Kind, string Name, string Description, string LatestVersion, int VersionCount,
    string HeadCommit, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The derived catalog index in SQLite: listing, search and paging without opening repositories.</summary>
public sealed class CatalogIndex(Database database)
{
    private const string Columns = "kind, name, description, latest_version, version_count, head_commit, created_at, updated_at";

    public void Upsert(ArtifactSummary a)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            $"INSERT INTO artifacts ({Columns}) VALUES (@kind, @name, @description, @latest, @count, @head, @created, @updated) " +
            "ON CONFLICT (kind, name) DO UPDATE SET description = excluded.description, latest_version = excluded.latest_version, " +
            "version_count = excluded.version_count, head_commit = excluded.head_commit, created_at = excluded.created_at, updated_at = excluded.updated_at",
            ("@kind", a.Kind), ("@name", a.Name), ("@description", a.Description), ("@latest", a.LatestVersion),
            ("@count", a.VersionCount), ("@head", a.HeadCommit), ("@created", a.CreatedAt.ToUnixTimeMilliseconds()),
            ("@updated", a.UpdatedAt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void Remove(string kind, string name)
    {
        using var connection = database.Open();
        using var command = connection.Command("DELETE FROM artifacts WHERE kind = @kind AND name = @name", ("@kind", kind), ("@name", name));
        command.ExecuteNonQuery();
    }

    public ArtifactSummary? Find(string kind, string name)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM artifacts WHERE kind = @kind AND name = @name", ("@kind", kind), ("@name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>One page in name order after <paramref name="after"/>, and how many match in all.</summary>
    public (List<ArtifactSummary> Page, int Total) List(string kind, string search, int pageSize, string after)
    {
        using var connection = database.Open();
        var page = new List<ArtifactSummary>();
        using (var command = connection.Command(
                   $"SELECT {Columns} FROM artifacts WHERE {Filter} AND name > @after ORDER BY name LIMIT @limit",
                   ("@kind", kind), ("@pattern", Pattern(search)), ("@after", after), ("@limit", pageSize)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) page.Add(Read(reader));
        }
        using var count = connection.Command($"SELECT COUNT(*) FROM artifacts WHERE {Filter}", ("@kind", kind), ("@pattern", Pattern(search)));
        return (page, Convert.ToInt32(count.ExecuteScalar()));
    }

    /// <summary>Every artifact of the kind whose name contains <paramref name="search"/>, in name order.</summary>
    public List<ArtifactSummary> Matching(string kind, string search)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM artifacts WHERE {Filter} ORDER BY name", ("@kind", kind), ("@pattern", Pattern(search)));
        using var reader = command.ExecuteReader();
        var all = new List<ArtifactSummary>();
        while (reader.Read()) all.Add(Read(reader));
        return all;
    }

    private const string Filter = @"kind = @kind AND LOWER(name) LIKE LOWER(@pattern) ESCAPE '\'";

    private static string Pattern(string search) => "%" + search.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    /// <summary>Changes whenever an artifact of the kind is added, removed, edited or published (for caches of whole listings).</summary>
    public string Stamp(string kind)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version_count), 0) AS BIGINT), COALESCE(MAX(updated_at), 0) FROM artifacts WHERE kind = @k", ("@k", kind));
        using var reader = command.ExecuteReader();
        reader.Read();
        return $"{reader.GetInt64(0)}:{reader.GetInt64(1)}:{reader.GetInt64(2)}";
    }

    public HashSet<string> Names(string kind)
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT name FROM artifacts WHERE kind = @kind", ("@kind", kind));
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static ArtifactSummary Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)));
}
