import type { TemplateKind } from '$lib/domain/templates/lifecycle';

/** What the template editor form shows and posts. */
export interface TemplateFormValues {
  kind: TemplateKind;
  title: string;
  body: string;
  processIds: number[];
  touchpointIds: number[];
  channels: string[];
  tags: string[];
  ownerId: number | null;
  reviewBy: string | null;
}
