/**
 * The metrics files a Bedrock customization job writes to its output folder
 * (model-customization-analyze.html): `step_wise_training_metrics.csv` with
 * `step_number,epoch_number,training_loss,perplexity`, and a validation file with `validation_loss` in
 * place of `training_loss`. Columns are found by their header names, not by position, so an added or
 * reordered column does not shift the figures.
 */

export type MetricsKind = "training" | "validation";

/** One row of a metrics file. */
export interface LossPoint {
  /** `step_number`, counted from 0. */
  step: number;
  /** `epoch_number` as the file gives it (the service's files count from 1; some from 0). */
  epoch: number;
  loss: number;
  /** Absent when the file has no perplexity column or the cell is empty. */
  perplexity?: number;
}

export interface MetricsFile {
  kind: MetricsKind;
  /** Rows in file order. */
  points: LossPoint[];
  /** Rows left out because a cell was not a finite number (e.g. `nan` when a run diverged). */
  skipped: { line: number; reason: string }[];
}

export class MetricsCsvError extends Error {
  override name = "MetricsCsvError";
}

const LOSS_COLUMN: Record<MetricsKind, string> = {
  training: "training_loss",
  validation: "validation_loss",
};

/**
 * Parses a metrics CSV. `kind` is taken from the header (`training_loss` or `validation_loss`) unless
 * given. Throws MetricsCsvError when the header lacks a required column; rows with an unreadable number
 * are listed in `skipped` rather than failing the whole file, since one `nan` row must not hide the rest.
 */
export function parseMetricsCsv(text: string, kind?: MetricsKind): MetricsFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitRow(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  const resolved =
    kind ??
    (header.includes(LOSS_COLUMN.training)
      ? "training"
      : header.includes(LOSS_COLUMN.validation)
        ? "validation"
        : undefined);
  if (resolved === undefined) {
    throw new MetricsCsvError(
      `The metrics file's header (${lines[0]?.slice(0, 200) ?? ""}) has neither training_loss nor validation_loss.`,
    );
  }
  const column = (name: string, required: boolean): number => {
    const at = header.indexOf(name);
    if (at === -1 && required) {
      throw new MetricsCsvError(
        `The ${resolved} metrics file has no "${name}" column; its header is: ${lines[0]?.slice(0, 200) ?? ""}.`,
      );
    }
    return at;
  };
  const stepAt = column("step_number", true);
  const epochAt = column("epoch_number", true);
  const lossAt = column(LOSS_COLUMN[resolved], true);
  const perplexityAt = column("perplexity", false);

  const points: LossPoint[] = [];
  const skipped: MetricsFile["skipped"] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const cells = splitRow(raw);
    const read = (at: number) => (at === -1 ? undefined : (cells[at] ?? "").trim());
    const fields: [string, number][] = [
      ["step_number", stepAt],
      ["epoch_number", epochAt],
      [LOSS_COLUMN[resolved], lossAt],
    ];
    const bad = fields.find(([, at]) => {
      const cell = read(at);
      return cell === undefined || cell === "" || !Number.isFinite(Number(cell));
    });
    if (bad) {
      skipped.push({ line: i + 1, reason: `${bad[0]} is ${JSON.stringify(read(bad[1]) ?? "")}` });
      continue;
    }
    const step = Number(read(stepAt));
    const epoch = Number(read(epochAt));
    const loss = Number(read(lossAt));
    const point: LossPoint = { step, epoch, loss };
    const perplexityText = read(perplexityAt);
    if (perplexityText !== undefined && perplexityText !== "") {
      const perplexity = Number(perplexityText);
      if (Number.isFinite(perplexity)) point.perplexity = perplexity;
    }
    points.push(point);
  }
  return { kind: resolved, points, skipped };
}

/** The service writes plain numbers; quoted cells are unquoted in case a tool re-saved the file. */
function splitRow(line: string): string[] {
  return line.split(",").map((cell) => {
    const t = cell.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
  });
}
