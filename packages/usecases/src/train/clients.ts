import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { S3Client } from "@aws-sdk/client-s3";
import { createBedrockClient, createS3ClientOnDemand } from "@tunegate/aws";

/**
 * One S3 and one Bedrock client per Region for a whole run, made when first needed, closed together at
 * the end: open keep-alive sockets would hold the process after its work is done. The S3 SDK is loaded
 * with the first S3 client, as only an upload needs it: a re-run whose job exists never loads it.
 */
export class RegionClients {
  readonly #s3 = new Map<string, Promise<S3Client>>();
  readonly #bedrock = new Map<string, BedrockClient>();

  /** `env`: where endpoints and credentials come from (default: the process's environment). */
  constructor(private readonly env?: Record<string, string | undefined>) {}

  s3(region: string): Promise<S3Client> {
    const client =
      this.#s3.get(region) ?? createS3ClientOnDemand({ region, ...(this.env ? { env: this.env } : {}) });
    this.#s3.set(region, client);
    return client;
  }

  bedrock(region: string): BedrockClient {
    const client =
      this.#bedrock.get(region) ?? createBedrockClient({ region, ...(this.env ? { env: this.env } : {}) });
    this.#bedrock.set(region, client);
    return client;
  }

  /** Closes every client; one still being made is closed as soon as it is made. */
  destroy(): void {
    for (const client of this.#s3.values())
      client.then(
        (made) => made.destroy(),
        () => {},
      );
    for (const client of this.#bedrock.values()) client.destroy();
    this.#s3.clear();
    this.#bedrock.clear();
  }
}
