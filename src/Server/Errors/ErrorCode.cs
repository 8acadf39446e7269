using System.Reflection;
using Grpc.Core;

namespace GitOpsHQ.Server.Errors;

/// <summary>
/// Every error a user can see, declared once: its code, HTTP status and gRPC status, and — for the registry under
/// /v2/ — the distribution-spec code it is worded as there (<see cref="Oci"/>). REST, gRPC and the OCI edge each turn
/// a <see cref="ProductException"/> into their own envelope from this table and nowhere else. Codes are unique
/// (<see cref="RequireUnique"/> runs at start).
/// </summary>
public sealed record ErrorCode(string Code, int HttpStatus, StatusCode GrpcStatus, string? OciCode = null)
{
    // The catalog's own conditions.
    public static readonly ErrorCode ArtifactUnknown = new("ARTIFACT_UNKNOWN", 404, StatusCode.NotFound, "NAME_UNKNOWN");
    public static readonly ErrorCode VersionUnknown = new("VERSION_UNKNOWN", 404, StatusCode.NotFound, "MANIFEST_UNKNOWN");
    public static readonly ErrorCode CatalogUnknown = new("CATALOG_UNKNOWN", 404, StatusCode.NotFound, "NAME_UNKNOWN");
    public static readonly ErrorCode FileUnknown = new("FILE_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode UserUnknown = new("USER_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode TokenUnknown = new("TOKEN_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode NameInvalid = new("NAME_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode VersionInvalid = new("VERSION_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode PathInvalid = new("PATH_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode RequestInvalid = new("REQUEST_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode SizeInvalid = new("SIZE_INVALID", 413, StatusCode.ResourceExhausted);
    public static readonly ErrorCode NameExists = new("NAME_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode VersionExists = new("VERSION_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode FileExists = new("FILE_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode StaleWrite = new("STALE_WRITE", 409, StatusCode.Aborted);
    public static readonly ErrorCode HasVersions = new("HAS_VERSIONS", 409, StatusCode.FailedPrecondition);
    public static readonly ErrorCode ValidationFailed = new("VALIDATION_FAILED", 422, StatusCode.FailedPrecondition);
    public static readonly ErrorCode Unauthorized = new("UNAUTHORIZED", 401, StatusCode.Unauthenticated);
    public static readonly ErrorCode Denied = new("DENIED", 403, StatusCode.PermissionDenied);
    public static readonly ErrorCode NotImplemented = new("NOT_IMPLEMENTED", 501, StatusCode.Unimplemented, "UNSUPPORTED");
    public static readonly ErrorCode Unavailable = new("UNAVAILABLE", 503, StatusCode.Unavailable);
    public static readonly ErrorCode RemoteFailed = new("REMOTE_FAILED", 502, StatusCode.Unavailable);
    public static readonly ErrorCode RenderTimeout = new("RENDER_TIMEOUT", 504, StatusCode.DeadlineExceeded);

    // External chart sources and their credentials.
    public static readonly ErrorCode CredentialUnknown = new("CREDENTIAL_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode CredentialExists = new("CREDENTIAL_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode ReadOnly = new("READ_ONLY", 403, StatusCode.PermissionDenied, "DENIED");
    public static readonly ErrorCode DestinationRefused = new("DESTINATION_REFUSED", 403, StatusCode.PermissionDenied);

    // Workloads, their upgrades and the GitOps repositories they are written to.
    public static readonly ErrorCode WorkloadUnknown = new("WORKLOAD_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode WorkloadExists = new("WORKLOAD_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode RepositoryUnknown = new("REPOSITORY_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode RepositoryExists = new("REPOSITORY_EXISTS", 409, StatusCode.AlreadyExists);
    public static readonly ErrorCode UpgradeRefused = new("UPGRADE_REFUSED", 409, StatusCode.FailedPrecondition);
    public static readonly ErrorCode TargetChanged = new("TARGET_CHANGED", 409, StatusCode.Aborted);

    // The registry's conditions, in the distribution spec's words.
    public static readonly ErrorCode NameUnknown = new("NAME_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode ManifestUnknown = new("MANIFEST_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode BlobUnknown = new("BLOB_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode BlobUploadUnknown = new("BLOB_UPLOAD_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode BlobUploadInvalid = new("BLOB_UPLOAD_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode RangeInvalid = new("RANGE_INVALID", 416, StatusCode.OutOfRange, "BLOB_UPLOAD_INVALID");
    public static readonly ErrorCode DigestInvalid = new("DIGEST_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode ManifestInvalid = new("MANIFEST_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode OperationUnsupported = new("UNSUPPORTED", 405, StatusCode.Unimplemented);
    public static readonly ErrorCode TooManyRequests = new("TOOMANYREQUESTS", 429, StatusCode.ResourceExhausted);

    /// <summary>The code the registry's error envelope carries.</summary>
    public string Oci => OciCode ?? Code;

    public static IReadOnlyList<ErrorCode> All { get; } = typeof(ErrorCode).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode)).Select(f => (ErrorCode)f.GetValue(null)!).ToList();

    /// <summary>Refuses a table in which two errors share a code: a client could not tell them apart.</summary>
    public static void RequireUnique(IEnumerable<ErrorCode> table)
    {
        var duplicates = table.GroupBy(e => e.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"The error table declares {string.Join(", ", duplicates)} more than once; each error needs its own code.");
    }
}
