import type { ProposalInput } from './proposal-payload';

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};
const num = (form: FormData, name: string) => Number(str(form, name)) || 0;

/**
 * Reads the proposal form as the user filled it; the service validates. Unknown values stay as
 * typed so validation can name them rather than this function silently dropping them.
 */
export function proposalFromForm(form: FormData): ProposalInput {
  const kind = str(form, 'kind');
  const needsFields = {
    needs: form.getAll('needs').map(String),
    needsOther: str(form, 'needsOther'),
    specifics: str(form, 'specifics'),
  };
  const kindFields = {
    mode: str(form, 'tpMode'),
    channel: str(form, 'tpChannel'),
    address: str(form, 'tpAddress'),
  };
  let change: unknown;
  if (kind === 'add') {
    const processId = str(form, 'processId');
    const touchpointId = str(form, 'touchpointId');
    change = {
      kind,
      process:
        processId === 'new'
          ? {
              areaId: num(form, 'areaId'),
              name: str(form, 'processName'),
              unitId: num(form, 'processUnitId') || null,
              clientKind: str(form, 'processClientKind'),
            }
          : { id: num(form, 'processId') },
      touchpoint:
        touchpointId === 'new'
          ? { name: str(form, 'tpName'), ...kindFields, description: str(form, 'tpDescription') }
          : { id: num(form, 'touchpointId') },
      ...needsFields,
    };
  } else if (kind === 'change') {
    change = {
      kind,
      rowId: num(form, 'rowId'),
      ...needsFields,
      touchpoint: form.get('changeKind') === 'on' ? kindFields : null,
    };
  } else {
    change = { kind, rowId: num(form, 'rowId') };
  }
  return {
    reason: str(form, 'reason'),
    reasonText: str(form, 'reasonText'),
    change,
  } as ProposalInput;
}
