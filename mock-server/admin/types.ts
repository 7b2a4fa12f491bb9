/** Shapes of the control API (their schemas are in contracts/schemas/admin). */
export type { World as StateView } from '../options';
export type { ParticipantInput, RoomInput, RoomView } from '../apis/daily/types';

export interface HealthView {
  readonly status: 'ok';
  readonly version: string;
  readonly uptimeSeconds: number;
}
