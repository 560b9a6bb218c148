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
  /** The S3 clients made so far (a promise above may still be pending). */
  readonly #s3Made: S3Client[] = [];
  readonly #bedrock = new Map<string, BedrockClient>();
  /** Counts destroy() calls: a client still being made when one came is closed as soon as it is made. */
  #generation = 0;

  /** `env`: where endpoints and credentials come from (default: the process's environment). */
  constructor(private readonly env?: Record<string, string | undefined>) {}

  s3(region: string): Promise<S3Client> {
    let client = this.#s3.get(region);
    if (client === undefined) {
      const generation = this.#generation;
      client = createS3ClientOnDemand({ region, ...(this.env ? { env: this.env } : {}) }).then((made) => {
        if (generation !== this.#generation) made.destroy();
        else this.#s3Made.push(made);
        return made;
      });
      this.#s3.set(region, client);
    }
    return client;
  }

  bedrock(region: string): BedrockClient {
    const client =
      this.#bedrock.get(region) ?? createBedrockClient({ region, ...(this.env ? { env: this.env } : {}) });
    this.#bedrock.set(region, client);
    return client;
  }

  destroy(): void {
    this.#generation++;
    for (const client of [...this.#s3Made, ...this.#bedrock.values()]) client.destroy();
    this.#s3.clear();
    this.#s3Made.length = 0;
    this.#bedrock.clear();
  }
}
