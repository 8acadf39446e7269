using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Files;
using Google.Protobuf;

namespace GitOpsHQ.Plugins.Sdk.Files;

/// <summary>The contract's files as the engines' <see cref="FileSet"/>, and back.</summary>
public static class ArtifactFiles
{
    /// <summary>The request's files as a file set; a bad or repeated path is the caller's mistake (InvalidArgument).</summary>
    public static FileSet ToFileSet(IEnumerable<ArtifactFile> files)
    {
        try
        {
            return FileSet.From(files.Select(file => (file.Path, file.Content.ToByteArray())));
        }
        catch (FileSetException e)
        {
            throw InvalidRequest.Because(e.Message);
        }
    }

    /// <summary>The files of a set as the contract carries them, in path order.</summary>
    public static IEnumerable<ArtifactFile> FromFileSet(FileSet files) =>
        files.Files.Select(file => new ArtifactFile { Path = file.Path, Content = ByteString.CopyFrom(file.Content) });
}
