import type { Limits } from '../../domain/webforms/validate';
import { env } from '../env';

export function webformLimits(): Limits {
  const e = env();
  return {
    textMax: e.OTKLIK_WEBFORM_TEXT_MAX,
    fileMaxBytes: Math.floor(e.OTKLIK_WEBFORM_FILE_MAX_MB * 1024 * 1024),
    filesMax: e.OTKLIK_WEBFORM_FILES_MAX,
    fileTypes: e.OTKLIK_WEBFORM_FILE_TYPES.split(/[\s,]+/)
      .map((t) => t.replace(/^\./, '').toLowerCase())
      .filter(Boolean),
  };
}

/** Accepted submissions from one address within the last hour before more are refused. */
export function ratePerHour(): number {
  return env().OTKLIK_WEBFORM_RATE_PER_HOUR;
}

export function globalFrameAncestors(): string[] {
  return env().OTKLIK_WEBFORM_FRAME_ANCESTORS.split(/\s+/).filter(Boolean);
}
