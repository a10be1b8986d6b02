/**
 * Shapes of the server's responses as the client uses them, all from server/src/contract
 * (`import type` only: erased at build, the client never bundles server code).
 */
import type { LoginReplyT } from '../../../server/src/contract/auth.ts';
import type { Grade } from '../../../server/src/contract/vocabulary.ts';

export type { CitySummary } from '../../../server/src/contract/summary.ts';
export type {
  BBox,
  CameraTileProperties,
  GridDetail,
  GridDetailProperties,
  GridTileProperties,
  IncidentCollection,
  IncidentFeature,
  IncidentProperties,
} from '../../../server/src/contract/features.ts';
export type {
  CameraStatus,
  GridType,
  IncidentCategory,
  IncidentStatus,
} from '../../../server/src/contract/vocabulary.ts';

export type LoginResponse = LoginReplyT;
export type Role = LoginReplyT['role'];
export type IncidentGrade = Grade;
