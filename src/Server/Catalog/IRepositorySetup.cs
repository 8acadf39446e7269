namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// Something a feature puts into every new artifact repository before it is in place (Git over HTTP installs its
/// pre-receive hook), so the catalog knows no transport.
/// </summary>
public interface IRepositorySetup
{
    void Prepare(string repositoryPath);
}
