import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-J3BOOJIZ.js";
import {
  assertBedrockS3Uri
} from "./chunk-MKUFDRPV.js";
import {
  init_protocols,
  protocols_exports
} from "./chunk-MD7VIVGE.js";
import {
  s3Uri
} from "./chunk-YJHR75G7.js";
import {
  UserError
} from "./chunk-NVIAX47T.js";
import {
  endpoints_exports,
  init_endpoints
} from "./chunk-3ZJ4CE23.js";
import {
  __commonJS,
  __require,
  __toCommonJS,
  __toESM
} from "./chunk-KCCJD64M.js";

// node_modules/@aws-sdk/lib-storage/dist-cjs/index.js
var require_dist_cjs2 = __commonJS({
  "node_modules/@aws-sdk/lib-storage/dist-cjs/index.js"(exports) {
    var { PutObjectCommand: PutObjectCommand2, ChecksumAlgorithm, CreateMultipartUploadCommand, AbortMultipartUploadCommand: AbortMultipartUploadCommand2, UploadPartCommand, CompleteMultipartUploadCommand, PutObjectTaggingCommand } = require_dist_cjs();
    var { toEndpointV1, getEndpointFromInstructions } = (init_endpoints(), __toCommonJS(endpoints_exports));
    var { extendedEncodeURIComponent } = (init_protocols(), __toCommonJS(protocols_exports));
    var { EventEmitter } = __require("events");
    var { Buffer: Buffer2 } = __require("buffer");
    var { statSync, ReadStream } = __require("node:fs");
    var { Readable } = __require("stream");
    var runtimeConfigShared = {
      statSync: () => {
      },
      isFileReadStream(f) {
        return false;
      }
    };
    var runtimeConfig = {
      ...runtimeConfigShared,
      runtime: "node",
      statSync,
      isFileReadStream(f) {
        return f instanceof ReadStream;
      }
    };
    var byteLength = (input) => {
      if (input == null) {
        return 0;
      }
      if (typeof input === "string") {
        return Buffer2.byteLength(input);
      }
      if (typeof input.byteLength === "number") {
        return input.byteLength;
      } else if (typeof input.length === "number") {
        return input.length;
      } else if (typeof input.size === "number") {
        return input.size;
      } else if (typeof input.start === "number" && typeof input.end === "number") {
        return input.end + 1 - input.start;
      } else if (runtimeConfig.isFileReadStream(input)) {
        try {
          return runtimeConfig.statSync(input.path).size;
        } catch (error) {
          return void 0;
        }
      }
      return void 0;
    };
    var BYTE_LENGTH_SOURCE;
    (function(BYTE_LENGTH_SOURCE2) {
      BYTE_LENGTH_SOURCE2["EMPTY_INPUT"] = "a null or undefined Body";
      BYTE_LENGTH_SOURCE2["CONTENT_LENGTH"] = "the ContentLength property of the params set by the caller";
      BYTE_LENGTH_SOURCE2["STRING_LENGTH"] = "the encoded byte length of the Body string";
      BYTE_LENGTH_SOURCE2["TYPED_ARRAY"] = "the byteLength of a typed byte array such as Uint8Array";
      BYTE_LENGTH_SOURCE2["LENGTH"] = "the value of Body.length";
      BYTE_LENGTH_SOURCE2["SIZE"] = "the value of Body.size";
      BYTE_LENGTH_SOURCE2["START_END_DIFF"] = "the numeric difference between Body.start and Body.end";
      BYTE_LENGTH_SOURCE2["STAT"] = "the size of the file given by Body.path on disk as reported by statSync";
    })(BYTE_LENGTH_SOURCE || (BYTE_LENGTH_SOURCE = {}));
    var byteLengthSource = (input, override) => {
      if (override != null) {
        return BYTE_LENGTH_SOURCE.CONTENT_LENGTH;
      }
      if (input == null) {
        return BYTE_LENGTH_SOURCE.EMPTY_INPUT;
      }
      if (typeof input === "string") {
        return BYTE_LENGTH_SOURCE.STRING_LENGTH;
      }
      if (typeof input.byteLength === "number") {
        return BYTE_LENGTH_SOURCE.TYPED_ARRAY;
      } else if (typeof input.length === "number") {
        return BYTE_LENGTH_SOURCE.LENGTH;
      } else if (typeof input.size === "number") {
        return BYTE_LENGTH_SOURCE.SIZE;
      } else if (typeof input.start === "number" && typeof input.end === "number") {
        return BYTE_LENGTH_SOURCE.START_END_DIFF;
      } else if (runtimeConfig.isFileReadStream(input)) {
        try {
          runtimeConfig.statSync(input.path).size;
          return BYTE_LENGTH_SOURCE.STAT;
        } catch (error) {
          return void 0;
        }
      }
      return void 0;
    };
    async function* getChunkStream(data, partSize, getNextData) {
      let partNumber = 1;
      const currentBuffer = { chunks: [], length: 0 };
      for await (const datum of getNextData(data)) {
        currentBuffer.chunks.push(datum);
        currentBuffer.length += datum.byteLength;
        while (currentBuffer.length > partSize) {
          const dataChunk = currentBuffer.chunks.length > 1 ? Buffer2.concat(currentBuffer.chunks) : currentBuffer.chunks[0];
          yield {
            partNumber,
            data: dataChunk.subarray(0, partSize)
          };
          currentBuffer.chunks = [dataChunk.subarray(partSize)];
          currentBuffer.length = currentBuffer.chunks[0].byteLength;
          partNumber += 1;
        }
      }
      yield {
        partNumber,
        data: currentBuffer.chunks.length !== 1 ? Buffer2.concat(currentBuffer.chunks) : currentBuffer.chunks[0],
        lastPart: true
      };
    }
    async function* getChunkUint8Array(data, partSize) {
      let partNumber = 1;
      let startByte = 0;
      let endByte = partSize;
      while (endByte < data.byteLength) {
        yield {
          partNumber,
          data: data.subarray(startByte, endByte)
        };
        partNumber += 1;
        startByte = endByte;
        endByte = startByte + partSize;
      }
      yield {
        partNumber,
        data: data.subarray(startByte),
        lastPart: true
      };
    }
    async function* getDataReadable(data) {
      for await (const chunk of data) {
        if (Buffer2.isBuffer(chunk) || chunk instanceof Uint8Array) {
          yield chunk;
        } else {
          yield Buffer2.from(chunk);
        }
      }
    }
    async function* getDataReadableStream(data) {
      const reader = data.getReader();
      try {
        while (true) {
          const { done, value } = await reader.read();
          if (done) {
            return;
          }
          if (Buffer2.isBuffer(value) || value instanceof Uint8Array) {
            yield value;
          } else {
            yield Buffer2.from(value);
          }
        }
      } catch (e) {
        throw e;
      } finally {
        reader.releaseLock();
      }
    }
    var getChunk = (data, partSize) => {
      if (data instanceof Uint8Array) {
        return getChunkUint8Array(data, partSize);
      }
      if (data instanceof Readable) {
        return getChunkStream(data, partSize, getDataReadable);
      }
      if (data instanceof String || typeof data === "string") {
        return getChunkUint8Array(Buffer2.from(data), partSize);
      }
      if (typeof data.stream === "function") {
        return getChunkStream(data.stream(), partSize, getDataReadableStream);
      }
      if (data instanceof ReadableStream) {
        return getChunkStream(data, partSize, getDataReadableStream);
      }
      throw new Error("Body Data is unsupported format, expected data to be one of: string | Uint8Array | Buffer | Readable | ReadableStream | Blob;.");
    };
    var Upload2 = class _Upload extends EventEmitter {
      static MIN_PART_SIZE = 1024 * 1024 * 5;
      MAX_PARTS = 1e4;
      queueSize = 4;
      partSize;
      leavePartsOnError = false;
      tags = [];
      client;
      params;
      totalBytes;
      totalBytesSource;
      bytesUploadedSoFar;
      abortController;
      concurrentUploaders = [];
      createMultiPartPromise;
      abortMultipartUploadCommand = null;
      uploadedParts = [];
      uploadEnqueuedPartsCount = 0;
      expectedPartsCount;
      uploadId;
      uploadEvent;
      isMultiPart = true;
      singleUploadResult;
      sent = false;
      constructor(options) {
        super();
        this.queueSize = options.queueSize || this.queueSize;
        this.leavePartsOnError = options.leavePartsOnError || this.leavePartsOnError;
        this.tags = options.tags || this.tags;
        this.client = options.client;
        this.params = options.params;
        if (!this.params) {
          throw new Error(`InputError: Upload requires params to be passed to upload.`);
        }
        this.totalBytes = this.params.ContentLength ?? byteLength(this.params.Body);
        this.totalBytesSource = byteLengthSource(this.params.Body, this.params.ContentLength);
        this.bytesUploadedSoFar = 0;
        this.abortController = options.abortController ?? new AbortController();
        this.partSize = options.partSize || Math.max(_Upload.MIN_PART_SIZE, Math.ceil((this.totalBytes || 0) / this.MAX_PARTS));
        if (this.totalBytes !== void 0) {
          this.expectedPartsCount = Math.ceil(this.totalBytes / this.partSize);
        }
        this.__validateInput();
      }
      async abort() {
        this.abortController.abort();
      }
      async done() {
        if (this.sent) {
          throw new Error("@aws-sdk/lib-storage: this instance of Upload has already executed .done(). Create a new instance.");
        }
        this.sent = true;
        return await Promise.race([this.__doMultipartUpload(), this.__abortTimeout(this.abortController.signal)]);
      }
      on(event, listener) {
        this.uploadEvent = event;
        return super.on(event, listener);
      }
      async __uploadUsingPut(dataPart) {
        this.isMultiPart = false;
        const params = { ...this.params, Body: dataPart.data };
        const clientConfig = this.client.config;
        const requestHandler = clientConfig.requestHandler;
        const eventEmitter = requestHandler instanceof EventEmitter ? requestHandler : null;
        const uploadEventListener = (event) => {
          this.bytesUploadedSoFar = event.loaded;
          this.totalBytes = event.total;
          this.__notifyProgress({
            loaded: this.bytesUploadedSoFar,
            total: this.totalBytes,
            part: dataPart.partNumber,
            Key: this.params.Key,
            Bucket: this.params.Bucket
          });
        };
        if (eventEmitter !== null) {
          eventEmitter.on("xhr.upload.progress", uploadEventListener);
        }
        const resolved = await Promise.all([this.client.send(new PutObjectCommand2(params)), clientConfig?.endpoint?.()]);
        const putResult = resolved[0];
        let endpoint = resolved[1];
        if (!endpoint) {
          endpoint = toEndpointV1(await getEndpointFromInstructions(params, PutObjectCommand2, {
            ...clientConfig
          }));
        }
        if (!endpoint) {
          throw new Error('Could not resolve endpoint from S3 "client.config.endpoint()" nor EndpointsV2.');
        }
        if (eventEmitter !== null) {
          eventEmitter.off("xhr.upload.progress", uploadEventListener);
        }
        const locationKey = this.params.Key.split("/").map((segment) => extendedEncodeURIComponent(segment)).join("/");
        const locationBucket = extendedEncodeURIComponent(this.params.Bucket);
        const Location = (() => {
          const endpointHostnameIncludesBucket = endpoint.hostname.startsWith(`${locationBucket}.`);
          const forcePathStyle = this.client.config.forcePathStyle;
          const optionalPort = endpoint.port ? `:${endpoint.port}` : ``;
          if (forcePathStyle) {
            return `${endpoint.protocol}//${endpoint.hostname}${optionalPort}/${locationBucket}/${locationKey}`;
          }
          if (endpointHostnameIncludesBucket) {
            return `${endpoint.protocol}//${endpoint.hostname}${optionalPort}/${locationKey}`;
          }
          return `${endpoint.protocol}//${locationBucket}.${endpoint.hostname}${optionalPort}/${locationKey}`;
        })();
        this.singleUploadResult = {
          ...putResult,
          Bucket: this.params.Bucket,
          Key: this.params.Key,
          Location
        };
        const totalSize = byteLength(dataPart.data);
        this.__notifyProgress({
          loaded: totalSize,
          total: totalSize,
          part: 1,
          Key: this.params.Key,
          Bucket: this.params.Bucket
        });
      }
      async __createMultipartUpload() {
        const requestChecksumCalculation = await this.client.config.requestChecksumCalculation();
        if (!this.createMultiPartPromise) {
          const createCommandParams = { ...this.params, Body: void 0 };
          if (requestChecksumCalculation === "WHEN_SUPPORTED") {
            createCommandParams.ChecksumAlgorithm = this.params.ChecksumAlgorithm || ChecksumAlgorithm.CRC32;
          }
          this.createMultiPartPromise = this.client.send(new CreateMultipartUploadCommand(createCommandParams)).then((createMpuResponse) => {
            this.abortMultipartUploadCommand = new AbortMultipartUploadCommand2({
              Bucket: this.params.Bucket,
              Key: this.params.Key,
              UploadId: createMpuResponse.UploadId
            });
            return createMpuResponse;
          });
        }
        return this.createMultiPartPromise;
      }
      async __doConcurrentUpload(dataFeeder) {
        for await (const dataPart of dataFeeder) {
          if (this.uploadEnqueuedPartsCount > this.MAX_PARTS) {
            throw new Error(`Exceeded ${this.MAX_PARTS} parts in multipart upload to Bucket: ${this.params.Bucket} Key: ${this.params.Key}.`);
          }
          if (this.abortController.signal.aborted) {
            return;
          }
          if (dataPart.partNumber === 1 && dataPart.lastPart) {
            return await this.__uploadUsingPut(dataPart);
          }
          if (!this.uploadId) {
            const { UploadId } = await this.__createMultipartUpload();
            this.uploadId = UploadId;
            if (this.abortController.signal.aborted) {
              return;
            }
          }
          const partSize = byteLength(dataPart.data) || 0;
          const requestHandler = this.client.config.requestHandler;
          const eventEmitter = requestHandler instanceof EventEmitter ? requestHandler : null;
          let lastSeenBytes = 0;
          const uploadEventListener = (event, request) => {
            const requestPartSize = Number(request.query["partNumber"]) || -1;
            if (requestPartSize !== dataPart.partNumber) {
              return;
            }
            if (event.total && partSize) {
              this.bytesUploadedSoFar += event.loaded - lastSeenBytes;
              lastSeenBytes = event.loaded;
            }
            this.__notifyProgress({
              loaded: this.bytesUploadedSoFar,
              total: this.totalBytes,
              part: dataPart.partNumber,
              Key: this.params.Key,
              Bucket: this.params.Bucket
            });
          };
          if (eventEmitter !== null) {
            eventEmitter.on("xhr.upload.progress", uploadEventListener);
          }
          this.uploadEnqueuedPartsCount += 1;
          this.__validateUploadPart(dataPart);
          const partResult = await this.client.send(new UploadPartCommand({
            ...this.params,
            ContentLength: void 0,
            UploadId: this.uploadId,
            Body: dataPart.data,
            PartNumber: dataPart.partNumber
          }));
          if (eventEmitter !== null) {
            eventEmitter.off("xhr.upload.progress", uploadEventListener);
          }
          if (this.abortController.signal.aborted) {
            return;
          }
          if (!partResult.ETag) {
            throw new Error(`Part ${dataPart.partNumber} is missing ETag in UploadPart response. Missing Bucket CORS configuration for ETag header?`);
          }
          this.uploadedParts.push({
            PartNumber: dataPart.partNumber,
            ETag: partResult.ETag,
            ...partResult.ChecksumCRC32 && { ChecksumCRC32: partResult.ChecksumCRC32 },
            ...partResult.ChecksumCRC32C && { ChecksumCRC32C: partResult.ChecksumCRC32C },
            ...partResult.ChecksumCRC64NVME && { ChecksumCRC64NVME: partResult.ChecksumCRC64NVME },
            ...partResult.ChecksumSHA1 && { ChecksumSHA1: partResult.ChecksumSHA1 },
            ...partResult.ChecksumSHA256 && { ChecksumSHA256: partResult.ChecksumSHA256 }
          });
          if (eventEmitter === null) {
            this.bytesUploadedSoFar += partSize;
          }
          this.__notifyProgress({
            loaded: this.bytesUploadedSoFar,
            total: this.totalBytes,
            part: dataPart.partNumber,
            Key: this.params.Key,
            Bucket: this.params.Bucket
          });
        }
      }
      async __doMultipartUpload() {
        const dataFeeder = getChunk(this.params.Body, this.partSize);
        const concurrentUploaderFailures = [];
        for (let index = 0; index < this.queueSize; index++) {
          const currentUpload = this.__doConcurrentUpload(dataFeeder).catch((err) => {
            concurrentUploaderFailures.push(err);
          });
          this.concurrentUploaders.push(currentUpload);
        }
        await Promise.all(this.concurrentUploaders);
        if (concurrentUploaderFailures.length >= 1) {
          await this.markUploadAsAborted();
          throw concurrentUploaderFailures[0];
        }
        if (this.abortController.signal.aborted) {
          await this.markUploadAsAborted();
          throw Object.assign(new Error("Upload aborted."), { name: "AbortError" });
        }
        let result;
        if (this.isMultiPart) {
          const { expectedPartsCount, uploadedParts, totalBytes, totalBytesSource } = this;
          if (totalBytes !== void 0 && expectedPartsCount !== void 0 && uploadedParts.length !== expectedPartsCount) {
            await this.markUploadAsAborted();
            throw new Error(`Expected ${expectedPartsCount} part(s) but uploaded ${uploadedParts.length} part(s).
The expected part count is based on the byte-count of the input.params.Body,
which was read from ${totalBytesSource} and is ${totalBytes}.
If this is not correct, provide an override value by setting a number
to input.params.ContentLength in bytes.
`);
          }
          this.uploadedParts.sort((a, b) => a.PartNumber - b.PartNumber);
          const uploadCompleteParams = {
            ...this.params,
            Body: void 0,
            UploadId: this.uploadId,
            MultipartUpload: {
              Parts: this.uploadedParts
            }
          };
          try {
            result = await this.client.send(new CompleteMultipartUploadCommand(uploadCompleteParams));
          } catch (e) {
            await this.markUploadAsAborted().catch((abortError) => {
              if (e instanceof Error && e.cause === void 0) {
                e.cause = abortError;
              }
            });
            throw e;
          }
          if (typeof result?.Location === "string" && result.Location.includes("%2F")) {
            result.Location = result.Location.replace(/%2F/g, "/");
          }
        } else {
          result = this.singleUploadResult;
        }
        this.abortMultipartUploadCommand = null;
        if (this.tags.length) {
          await this.client.send(new PutObjectTaggingCommand({
            ...this.params,
            Tagging: {
              TagSet: this.tags
            }
          }));
        }
        return result;
      }
      async markUploadAsAborted() {
        if (this.uploadId && !this.leavePartsOnError && null !== this.abortMultipartUploadCommand) {
          await this.client.send(this.abortMultipartUploadCommand);
          this.abortMultipartUploadCommand = null;
        }
      }
      __notifyProgress(progress) {
        if (this.uploadEvent) {
          this.emit(this.uploadEvent, progress);
        }
      }
      async __abortTimeout(abortSignal) {
        return new Promise((resolve, reject) => {
          abortSignal.onabort = () => {
            const abortError = new Error("Upload aborted.");
            abortError.name = "AbortError";
            reject(abortError);
          };
        });
      }
      __validateUploadPart(dataPart) {
        const actualPartSize = byteLength(dataPart.data);
        if (actualPartSize === void 0) {
          throw new Error(`A dataPart was generated without a measurable data chunk size for part number ${dataPart.partNumber}`);
        }
        if (dataPart.partNumber === 1 && dataPart.lastPart) {
          return;
        }
        if (!dataPart.lastPart && actualPartSize !== this.partSize) {
          throw new Error(`The byte size for part number ${dataPart.partNumber}, size ${actualPartSize} does not match expected size ${this.partSize}`);
        }
      }
      __validateInput() {
        if (!this.client) {
          throw new Error(`InputError: Upload requires a AWS client to do uploads with.`);
        }
        if (this.partSize < _Upload.MIN_PART_SIZE) {
          throw new Error(`EntityTooSmall: Your proposed upload part size [${this.partSize}] is smaller than the minimum allowed size [${_Upload.MIN_PART_SIZE}] (5MB)`);
        }
        if (this.queueSize < 1) {
          throw new Error(`Queue size: Must have at least one uploading queue.`);
        }
      }
    };
    exports.Upload = Upload2;
  }
});

// packages/aws/src/dataset-upload.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var import_lib_storage = __toESM(require_dist_cjs2(), 1);
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { pipeline, Transform } from "node:stream";

// packages/aws/src/s3-errors.ts
var S3DatasetError = class extends UserError {
  name = "S3DatasetError";
  /** S3 error code (`AccessDenied`, `NoSuchBucket`, ...) or a Node network code (`ECONNREFUSED`). */
  code;
  status;
  /** The likely fix, already part of `message`; separate so a CLI can format it. */
  hint;
  constructor(message, details) {
    super(message, { fix: details.hint, cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.hint = details.hint;
  }
};
var OPERATION_TEXT = {
  HeadObject: "Checking",
  PutObject: "Uploading to",
  MultipartUpload: "Uploading (multipart) to"
};
var CREDENTIAL_CODES = /* @__PURE__ */ new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "TokenRefreshRequired",
  "InvalidToken",
  "CredentialsProviderError"
]);
var TRANSIENT_CODES = /* @__PURE__ */ new Set([
  "SlowDown",
  "ServiceUnavailable",
  "InternalError",
  "RequestTimeout",
  "TimeoutError",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT"
]);
var INTEGRITY_CODES = /* @__PURE__ */ new Set(["BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch"]);
var UNREACHABLE_CODES = /* @__PURE__ */ new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
function explainS3Error(error, context) {
  if (error instanceof S3DatasetError) {
    if (!context.abort) return error;
    const note = abortNote(context.abort, context);
    return new S3DatasetError(`${error.message} ${note}`, {
      code: error.code,
      status: error.status,
      hint: `${error.hint} ${note}`,
      cause: error.cause
    });
  }
  const { code, status, serverMessage, bucketRegion } = inspect(error);
  const { bucket, key, region, kmsKeyId, operation } = context;
  const where = `s3://${bucket}/${key}`;
  const objectArn = `arn:aws:s3:::${bucket}/${key}`;
  let summary = `${OPERATION_TEXT[operation]} ${where} failed: ${code}${status ? ` (HTTP ${status})` : ""}`;
  if (serverMessage && serverMessage !== code) summary += ` - ${serverMessage}`;
  let hint;
  const redirected = code === "PermanentRedirect" || code === "AuthorizationHeaderMalformed" || code === "IllegalLocationConstraintException" || status === 301;
  if (redirected) {
    const actual = bucketRegion ?? regionFromMessage(serverMessage);
    summary = `Bucket "${bucket}" is in ${actual ? `Region ${actual}` : "another Region"}${region ? `, not ${region}` : ""} (${code}${status ? `, HTTP ${status}` : ""})`;
    hint = `Set the Region to ${actual ?? "the bucket's Region"} (config or AWS_REGION). Bedrock reads training data only from a bucket in the customization job's own Region, so use a bucket in the job's Region or run the job there.`;
  } else if (code === "NoSuchBucket") {
    summary = `Bucket "${bucket}" does not exist${region ? ` (looked in ${region})` : ""}`;
    hint = "Check the bucket name in the tunegate config, or create the bucket in the Region of the Bedrock job.";
  } else if (code.startsWith("KMS.") || kmsKeyId && /\bkms\b/i.test(serverMessage)) {
    hint = `Check the KMS key "${kmsKeyId ?? "(from the bucket's default encryption)"}": it must exist, be enabled and be in the bucket's Region, and the caller needs kms:GenerateDataKey on it (multipart uploads also need kms:Decrypt).`;
  } else if (code === "AccessDenied" || code === "Forbidden" || status === 403) {
    hint = operation === "HeadObject" ? `Grant s3:GetObject on ${objectArn} and s3:ListBucket on arn:aws:s3:::${bucket} (without ListBucket, S3 answers 403 instead of 404 for an object that does not exist yet).` : `Grant s3:PutObject on ${objectArn}` + (kmsKeyId ? `, and kms:GenerateDataKey${operation === "MultipartUpload" ? " and kms:Decrypt" : ""} on KMS key "${kmsKeyId}"` : "") + ". Also check bucket policies or SCPs that demand specific encryption headers.";
  } else if (CREDENTIAL_CODES.has(code)) {
    hint = "The AWS credentials are missing, wrong or expired. In GitHub Actions use aws-actions/configure-aws-credentials; locally run `aws sts get-caller-identity` with the same profile to check them.";
  } else if (INTEGRITY_CODES.has(code)) {
    hint = "S3 received bytes that do not match the checksum sent with them, so it refused to store them. The data was damaged in transit or the file changed while uploading; run the upload again.";
  } else if (TRANSIENT_CODES.has(code) || status !== void 0 && status >= 500) {
    hint = "S3 was unavailable or throttling and the retries ran out. This is usually temporary: run it again later.";
  } else if (UNREACHABLE_CODES.has(code)) {
    hint = "The S3 endpoint cannot be reached. Check the network, and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL or the configured endpoint if you use an S3-compatible server.";
  } else if (/region is missing/i.test(serverMessage)) {
    hint = "Set the Region (AWS_REGION or the tunegate config); it must be the Bedrock job's Region.";
  } else {
    hint = "See the S3 error above.";
  }
  if (context.abort) hint += ` ${abortNote(context.abort, context)}`;
  return new S3DatasetError(`${summary}. ${hint}`, { code, status, hint, cause: error });
}
function abortNote(abort, { bucket, key }) {
  const command = `\`aws s3api abort-multipart-upload --bucket ${bucket} --key ${key} --upload-id ${abort.uploadId}\``;
  const lifecycle = "An AbortIncompleteMultipartUpload lifecycle rule on the bucket removes such leftovers automatically.";
  switch (abort.outcome) {
    case "aborted":
      return `The multipart upload ${abort.uploadId} was aborted, so no uploaded parts remain.`;
    case "failed": {
      const { code } = inspect(abort.error);
      return `Aborting the multipart upload ${abort.uploadId} failed too (${code}${code === "AccessDenied" ? ": grant s3:AbortMultipartUpload" : ""}), so its parts remain in the bucket and are billed until ${command} removes them. ${lifecycle}`;
    }
    default:
      return `The multipart upload ${abort.uploadId} may still hold parts; ${command} removes them. ${lifecycle}`;
  }
}
function inspect(error) {
  const record = isRecord(error) ? error : {};
  const metadata = isRecord(record.$metadata) ? record.$metadata : {};
  const response = isRecord(record.$response) ? record.$response : {};
  const headers = isRecord(response.headers) ? response.headers : {};
  const status = typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : typeof response.statusCode === "number" ? response.statusCode : void 0;
  const nodeCode = typeof record.code === "string" ? record.code : void 0;
  const s3Code = typeof record.Code === "string" ? record.Code : void 0;
  const name = typeof record.name === "string" ? record.name : void 0;
  const named = name && name !== "Error" && name !== "Unknown" && !/^\d+$/.test(name) ? name : void 0;
  const fromStatus = status === void 0 ? void 0 : STATUS_CODES[status];
  const code = s3Code ?? nodeCode ?? named ?? fromStatus ?? (status ? `HTTP${status}` : "Error");
  const rawMessage = error instanceof Error ? error.message : String(error);
  const serverMessage = rawMessage === "UnknownError" || /^\d+$/.test(rawMessage) ? "" : rawMessage.replace(/\.+$/, "");
  const regionHeader = headers["x-amz-bucket-region"];
  const regionField = record.Region;
  return {
    code,
    status,
    serverMessage,
    bucketRegion: typeof regionHeader === "string" ? regionHeader : typeof regionField === "string" ? regionField : void 0
  };
}
var STATUS_CODES = {
  301: "PermanentRedirect",
  403: "AccessDenied",
  404: "NotFound"
};
function regionFromMessage(message) {
  return /expecting '([a-z0-9-]+)'/.exec(message)?.[1];
}
function isRecord(value) {
  return typeof value === "object" && value !== null;
}

// packages/aws/src/dataset-upload.ts
var MIN_PART_SIZE = 5 * 1024 * 1024;
var DEFAULT_PART_SIZE = 8 * 1024 * 1024;
var DEFAULT_QUEUE_SIZE = 2;
var READ_CHUNK = 256 * 1024;
var SHA256_METADATA_KEY = "sha256";
async function uploadDataset(input) {
  const { client, bucket, key, file, sha256, bytes, kmsKeyId, onProgress } = input;
  const uri = s3Uri(bucket, key);
  assertBedrockS3Uri(uri);
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new Error(`sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new Error(`bytes must be a non-negative integer, got ${bytes}`);
  if (kmsKeyId !== void 0 && kmsKeyId.trim() === "")
    throw new Error("kmsKeyId is empty; omit it or name a key");
  const partSize = input.partSize ?? DEFAULT_PART_SIZE;
  const queueSize = input.queueSize ?? DEFAULT_QUEUE_SIZE;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE) {
    throw new Error(
      `partSize must be an integer of at least ${MIN_PART_SIZE} bytes (S3's minimum), got ${partSize}`
    );
  }
  if (!Number.isSafeInteger(queueSize) || queueSize < 1)
    throw new Error(`queueSize must be at least 1, got ${queueSize}`);
  const region = await client.config.region().catch(() => void 0);
  const context = (operation) => ({ operation, bucket, key, region, kmsKeyId });
  const existing = await compareExisting(client, bucket, key, sha256, bytes).catch((error) => {
    throw explainS3Error(error, context("HeadObject"));
  });
  if (existing.state === "same") {
    return { uri, uploaded: false, bytesSent: 0, multipart: false, existing: "same" };
  }
  const params = {
    Bucket: bucket,
    Key: key,
    ContentType: input.contentType ?? "application/jsonl",
    Metadata: { [SHA256_METADATA_KEY]: sha256 },
    ...kmsKeyId ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyId } : {}
  };
  const multipart = bytes > partSize;
  onProgress?.({ loaded: 0, total: bytes });
  if (multipart) {
    await sendMultipart({ client, params, file, sha256, bytes, partSize, queueSize, onProgress, context });
  } else {
    const body = await readUnchanged(file, sha256, bytes);
    await client.send(
      new import_client_s3.PutObjectCommand({
        ...params,
        Body: body,
        ContentLength: bytes,
        ChecksumSHA256: hexToBase64(sha256)
      })
    ).catch((error) => {
      throw explainS3Error(error, context("PutObject"));
    });
    onProgress?.({ loaded: bytes, total: bytes });
  }
  const result = {
    uri,
    uploaded: true,
    bytesSent: bytes,
    multipart,
    existing: existing.state
  };
  if (existing.state === "different") {
    result.warning = `${uri} already held an object that does not match the file (${existing.why}); it was overwritten. Content-addressed keys should never change, so something else wrote there or the object was corrupted.`;
  }
  return result;
}
async function compareExisting(client, bucket, key, sha256, bytes) {
  let head;
  try {
    head = await client.send(new import_client_s3.HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" })).catch((error) => {
      if (statusOf(error) !== 403) throw error;
      return client.send(new import_client_s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
    });
  } catch (error) {
    if (isNotFound(error)) return { state: "absent" };
    throw error;
  }
  const stored = head.Metadata?.[SHA256_METADATA_KEY];
  const checksum = fullObjectSha256(head);
  if (head.ContentLength !== void 0 && head.ContentLength !== bytes) {
    return { state: "different", why: `it has ${head.ContentLength} bytes, the file ${bytes}` };
  }
  if (checksum !== void 0 && checksum !== sha256) {
    return { state: "different", why: `S3's stored SHA-256 checksum is ${checksum}` };
  }
  if (stored !== void 0 && stored !== sha256) {
    return { state: "different", why: `its sha256 metadata is ${stored}` };
  }
  if (stored === sha256 || checksum === sha256) return { state: "same" };
  return { state: "different", why: "it has no sha256 metadata or SHA-256 checksum to compare" };
}
function fullObjectSha256(head) {
  const value = head.ChecksumSHA256;
  if (!value || head.ChecksumType !== "FULL_OBJECT") return void 0;
  return Buffer.from(value, "base64").toString("hex");
}
function isNotFound(error) {
  const name = typeof error === "object" && error !== null ? error.name : void 0;
  return name === "NotFound" || name === "NoSuchKey" || statusOf(error) === 404;
}
function statusOf(error) {
  if (typeof error !== "object" || error === null) return void 0;
  const status = error.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : void 0;
}
async function readUnchanged(file, sha256, bytes) {
  const { size } = await stat(file);
  if (size !== bytes) throw fileChanged(file, sha256, bytes, void 0, size);
  const body = await readFile(file);
  const actual = createHash("sha256").update(body).digest("hex");
  if (body.length !== bytes || actual !== sha256) throw fileChanged(file, sha256, bytes, actual, body.length);
  return body;
}
function fileChanged(file, sha256, bytes, actual, actualBytes) {
  const hint = "Do not modify dataset files while tunegate uploads them; run the command again.";
  const found = `${actualBytes} bytes${actual ? ` with SHA-256 ${actual}` : ""}`;
  return new S3DatasetError(
    `${file} changed after it was hashed (expected ${bytes} bytes with SHA-256 ${sha256}, found ${found}). ${hint}`,
    { code: "FileChanged", status: void 0, hint, cause: void 0 }
  );
}
async function sendMultipart(input) {
  const { client, params, file, sha256, bytes, partSize, queueSize, onProgress, context } = input;
  const hash = createHash("sha256");
  let seen = 0;
  let fileError;
  const verifier = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      seen += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      if (actual !== sha256 || seen !== bytes) fileError = fileChanged(file, sha256, bytes, actual, seen);
      callback(fileError ?? null);
    }
  });
  pipeline(createReadStream(file, { highWaterMark: READ_CHUNK }), verifier, () => {
  });
  const observed = observeSends(client);
  const upload = new import_lib_storage.Upload({
    client: observed.client,
    params: { ...params, Body: verifier, ContentLength: bytes, ChecksumAlgorithm: "SHA256" },
    partSize,
    queueSize,
    leavePartsOnError: false
  });
  upload.on("httpUploadProgress", (progress) => {
    onProgress?.({ loaded: progress.loaded ?? 0, total: progress.total ?? bytes });
  });
  try {
    await upload.done();
  } catch (error) {
    const cause = observed.firstFailure ?? fileError ?? error;
    const abort = upload.uploadId ? { uploadId: upload.uploadId, outcome: observed.abort.outcome, error: observed.abort.error } : void 0;
    throw explainS3Error(cause, { ...context("MultipartUpload"), abort });
  } finally {
    verifier.destroy();
  }
}
function observeSends(client) {
  const state = {
    firstFailure: void 0,
    abort: { outcome: "not sent", error: void 0 }
  };
  const send = client.send.bind(client);
  const wrapped = new Proxy(client, {
    get(target, property) {
      if (property !== "send") return Reflect.get(target, property, target);
      return async (command, ...rest) => {
        const isAbort = command instanceof import_client_s3.AbortMultipartUploadCommand;
        try {
          const output = await send(command, ...rest);
          if (isAbort) state.abort.outcome = "aborted";
          return output;
        } catch (error) {
          if (isAbort) {
            state.abort = { outcome: "failed", error };
          } else {
            state.firstFailure ??= error;
          }
          throw error;
        }
      };
    }
  });
  return {
    client: wrapped,
    get firstFailure() {
      return state.firstFailure;
    },
    get abort() {
      return state.abort;
    }
  };
}
function hexToBase64(hex) {
  return Buffer.from(hex, "hex").toString("base64");
}

export {
  explainS3Error,
  MIN_PART_SIZE,
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  SHA256_METADATA_KEY,
  uploadDataset
};
