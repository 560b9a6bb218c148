/**
 * How every tunegate AWS client finds its endpoint and Region, the way the AWS CLI and SDKs do, so
 * `AWS_ENDPOINT_URL_*` points a client at a local stand-in in tests and the demo.
 */
export type Environment = Record<string, string | undefined>;

/**
 * The configured endpoint of a service: `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_S3`), then
 * `AWS_ENDPOINT_URL`, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`.
 */
export function configuredEndpoint(env: Environment, serviceVariable: string): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return undefined;
  return env[serviceVariable] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * The Region to sign with: the caller's, then `AWS_REGION`; with a custom endpoint and neither, a fixed
 * one (a local server accepts any), else undefined so the SDK resolves it from the shared config.
 */
export function signingRegion(
  explicit: string | undefined,
  env: Environment,
  endpoint: string | undefined,
  fallbackForCustomEndpoint: string,
): string | undefined {
  return explicit || env.AWS_REGION || (endpoint ? fallbackForCustomEndpoint : undefined);
}

/** What a client factory takes to find its service: Region, endpoint, credentials, environment. */
export interface ConnectionOptions<Credentials> {
  region?: string | undefined;
  endpoint?: string | undefined;
  credentials?: Credentials | undefined;
  env?: Environment | undefined;
}

/**
 * The Region, endpoint and credentials of a client's config, each present only when known: the given
 * endpoint or the configured one, the signing Region (see `signingRegion`), the given credentials.
 */
export function connectionSettings<Credentials>(
  options: ConnectionOptions<Credentials>,
  serviceVariable: string,
  fallbackRegionForCustomEndpoint: string,
): { region?: string; endpoint?: string; credentials?: Credentials } {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? configuredEndpoint(env, serviceVariable);
  const region = signingRegion(options.region, env, endpoint, fallbackRegionForCustomEndpoint);
  return {
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}
