using Grpc.Core;

namespace GitOpsHQ.Server.Errors;

/// <summary>
/// Every error a user can see, declared once: its code, HTTP status and gRPC status.
/// REST, gRPC and the OCI edge each turn a <see cref="ProductException"/> into their own
/// envelope from this table and nowhere else.
/// </summary>
public sealed record ErrorCode(string Code, int HttpStatus, StatusCode GrpcStatus)
{
    public static readonly ErrorCode NameUnknown = new("NAME_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode ManifestUnknown = new("MANIFEST_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode FileUnknown = new("FILE_UNKNOWN", 404, StatusCode.NotFound);
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
    public static readonly ErrorCode Unsupported = new("UNSUPPORTED", 501, StatusCode.Unimplemented);
    public static readonly ErrorCode Unavailable = new("UNAVAILABLE", 503, StatusCode.Unavailable);
    public static readonly ErrorCode RemoteFailed = new("REMOTE_FAILED", 502, StatusCode.Unavailable);

    // The OCI distribution-spec codes, for the registry under /v2/.
    public static readonly ErrorCode BlobUnknown = new("BLOB_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode BlobUploadUnknown = new("BLOB_UPLOAD_UNKNOWN", 404, StatusCode.NotFound);
    public static readonly ErrorCode BlobUploadInvalid = new("BLOB_UPLOAD_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode RangeInvalid = new("BLOB_UPLOAD_INVALID", 416, StatusCode.OutOfRange);
    public static readonly ErrorCode DigestInvalid = new("DIGEST_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode ManifestBlobUnknown = new("MANIFEST_BLOB_UNKNOWN", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode ManifestInvalid = new("MANIFEST_INVALID", 400, StatusCode.InvalidArgument);
    public static readonly ErrorCode OperationUnsupported = new("UNSUPPORTED", 405, StatusCode.Unimplemented);
    public static readonly ErrorCode TooManyRequests = new("TOOMANYREQUESTS", 429, StatusCode.ResourceExhausted);
}
