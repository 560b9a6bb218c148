import type { JsonValue } from "../description/types";
import type { FaultHandle, FaultSpec } from "../types";
import { defaultMessage, GENERAL_DOCUMENTATION_URL } from "./github-error";

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

export interface FaultAnswer {
  status: number;
  body: JsonValue;
  headers: Record<string, string>;
}

/** Injected failures, consumed in the order they were armed. */
export class Faults {
  #armed: ArmedFault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    if (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) {
      throw new Error(`fault status must be an HTTP status code, got ${spec.status}`);
    }
    const fault: ArmedFault = { spec, remaining: spec.times ?? 1 };
    this.#armed.push(fault);
    return {
      remaining: () => fault.remaining,
      cancel: () => {
        fault.remaining = 0;
      },
    };
  }

  clear(): void {
    this.#armed = [];
  }

  /** Consumes and returns the first armed fault matching the request, if any. */
  take(method: string, path: string, template: string | null): FaultAnswer | null {
    const fault = this.#armed.find((f) => f.remaining > 0 && matches(f.spec, method, path, template));
    if (!fault) return null;
    fault.remaining -= 1;
    return {
      status: fault.spec.status,
      body: fault.spec.body ?? {
        message: defaultMessage(fault.spec.status),
        documentation_url: GENERAL_DOCUMENTATION_URL,
        status: String(fault.spec.status),
      },
      headers: fault.spec.headers ?? {},
    };
  }
}

function matches(spec: FaultSpec, method: string, path: string, template: string | null): boolean {
  if (spec.method !== undefined && spec.method !== method) return false;
  if (spec.path instanceof RegExp) return spec.path.test(path);
  return spec.path === path || spec.path === template;
}
