import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { S3Client } from "@aws-sdk/client-s3";
import { createBedrockClient, createS3Client } from "@tunegate/aws";

/**
 * One S3 and one Bedrock client per Region for a whole run, made when first needed, closed together at
 * the end: open keep-alive sockets would hold the process after its work is done.
 */
export class RegionClients {
  readonly #s3 = new Map<string, S3Client>();
  readonly #bedrock = new Map<string, BedrockClient>();

  /** `env`: where endpoints and credentials come from (default: the process's environment). */
  constructor(private readonly env?: Record<string, string | undefined>) {}

  s3(region: string): S3Client {
    const client = this.#s3.get(region) ?? createS3Client({ region, ...(this.env ? { env: this.env } : {}) });
    this.#s3.set(region, client);
    return client;
  }

  bedrock(region: string): BedrockClient {
    const client =
      this.#bedrock.get(region) ?? createBedrockClient({ region, ...(this.env ? { env: this.env } : {}) });
    this.#bedrock.set(region, client);
    return client;
  }

  destroy(): void {
    for (const client of [...this.#s3.values(), ...this.#bedrock.values()]) client.destroy();
    this.#s3.clear();
    this.#bedrock.clear();
  }
}
