namespace GitOpsHQ.Server.Tests.Support;

public static class TempFolder
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "gitopshq-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
