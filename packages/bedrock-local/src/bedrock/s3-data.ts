// The stand-in's own access to S3 (s3rver in tests and the demo), standing in for the service role.
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const rest = uri.slice("s3://".length);
  const slash = rest.indexOf("/");
  return slash < 0 ? { bucket: rest, key: "" } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** The output URI names a folder whether or not it ends in `/`. */
export function folderKey(location: S3Location): string {
  return location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
}

export function fileName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

export function createS3Client(config: S3ClientConfig): S3Client {
  return new S3Client({
    region: "us-west-2",
    forcePathStyle: true,
    // s3rver cannot read aws-chunked bodies with checksum trailers, which the SDK sends by default.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...config,
  });
}

export class S3Data {
  constructor(private readonly client: S3Client) {}

  async read(location: S3Location): Promise<string> {
    const answer = await this.client.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    if (!answer.Body) throw new Error(`Empty body for s3://${location.bucket}/${location.key}`);
    return answer.Body.transformToString("utf8");
  }

  async write(location: S3Location, body: string, contentType = "text/csv"): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        Body: body,
        // Stated so that an empty body (the write-access probe) is not taken for a stream of unknown length.
        ContentLength: Buffer.byteLength(body),
        ContentType: contentType,
      }),
    );
  }

  /** Every key under a folder, all pages. */
  async list(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  destroy(): void {
    this.client.destroy();
  }
}
