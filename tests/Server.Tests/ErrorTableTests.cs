using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Tests;

public sealed class ErrorTableTests
{
    [Fact]
    public void Every_error_has_its_own_code()
    {
        ErrorCode.RequireUnique(ErrorCode.All);
        Assert.Equal(ErrorCode.All.Count, ErrorCode.All.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void A_table_with_a_duplicate_code_is_refused_naming_it()
    {
        var table = ErrorCode.All.Append(new ErrorCode("STALE_WRITE", 412, Grpc.Core.StatusCode.FailedPrecondition));
        var refused = Assert.Throws<InvalidOperationException>(() => ErrorCode.RequireUnique(table));
        Assert.Contains("STALE_WRITE", refused.Message);
    }

    [Fact]
    public void Catalog_errors_are_worded_in_the_distribution_specs_codes_at_the_registry()
    {
        Assert.Equal("MANIFEST_UNKNOWN", ErrorCode.VersionUnknown.Oci);
        Assert.Equal("NAME_UNKNOWN", ErrorCode.ArtifactUnknown.Oci);
        Assert.Equal("BLOB_UPLOAD_INVALID", ErrorCode.RangeInvalid.Oci);
        Assert.Equal("VERSION_EXISTS", ErrorCode.VersionExists.Oci);
    }
}
