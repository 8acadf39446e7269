using GitOpsHQ.Server.Errors;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Catalog;

/// <summary>The configured size limits on files and whole artifacts (413 SIZE_INVALID past them).</summary>
public sealed class FileLimits(IOptions<CatalogOptions> options)
{
    private CatalogOptions Limits => options.Value;

    public int MaxFiles => Limits.MaxFiles;

    public void CheckFile(string path, long size)
    {
        if (size > Limits.MaxFileBytes)
            throw new ProductException(ErrorCode.SizeInvalid, $"'{path}' is {size} bytes; files are limited to {Limits.MaxFileBytes} bytes (Catalog:MaxFileBytes).");
    }

    public void CheckArtifact(long totalSize, int fileCount)
    {
        if (totalSize > Limits.MaxArtifactBytes)
            throw new ProductException(ErrorCode.SizeInvalid, $"The artifact would be {totalSize} bytes; artifacts are limited to {Limits.MaxArtifactBytes} bytes (Catalog:MaxArtifactBytes).");
        if (fileCount > Limits.MaxFiles)
            throw new ProductException(ErrorCode.SizeInvalid, $"The artifact would have {fileCount} files; artifacts are limited to {Limits.MaxFiles} files (Catalog:MaxFiles).");
    }
}
