import type { S3Client } from "@aws-sdk/client-s3";
import type { CreateS3ClientOptions } from "./s3-client";

/**
 * `createS3Client`, with the S3 SDK loaded by this call rather than with the module: a bundle splits
 * there, so a train run that finds its job already started (nothing to upload) never loads it.
 */
export async function createS3ClientOnDemand(options: CreateS3ClientOptions = {}): Promise<S3Client> {
  const { createS3Client } = await import("./s3-client");
  return createS3Client(options);
}
