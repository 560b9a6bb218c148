import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);

// packages/aws/src/client-environment.ts
function configuredEndpoint(env, serviceVariable) {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return void 0;
  return env[serviceVariable] || env.AWS_ENDPOINT_URL || void 0;
}
function signingRegion(explicit, env, endpoint, fallbackForCustomEndpoint) {
  return explicit || env.AWS_REGION || (endpoint ? fallbackForCustomEndpoint : void 0);
}
function connectionSettings(options, serviceVariable, fallbackRegionForCustomEndpoint) {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? configuredEndpoint(env, serviceVariable);
  const region = signingRegion(options.region, env, endpoint, fallbackRegionForCustomEndpoint);
  return {
    ...region ? { region } : {},
    ...endpoint ? { endpoint } : {},
    ...options.credentials ? { credentials: options.credentials } : {}
  };
}

export {
  configuredEndpoint,
  signingRegion,
  connectionSettings
};
