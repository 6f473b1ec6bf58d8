import { Schema } from 'mongoose';

/** The kinds of organisational unit after the 大部制 reform, plus outside bodies (城管). */
export const OFFICE_KINDS = ['办', '中心', '大队', '科室', '外部'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

/** A post (岗位) inside an office; steps may be assigned to it by its groupId. */
export interface Post {
  code: string;
  name: string;
  groupId: string;
}

/** An office (办/中心/大队/科室) or an external body; `groupId` is its BPMN candidate group. */
export interface Office {
  code: string;
  name: string;
  kind: OfficeKind;
  groupId: string;
  posts: Post[];
}

/** A village (村) or community (社区). */
export interface Village {
  code: string;
  name: string;
  kind: '村' | '社区';
}

export const officeSchema = new Schema<Office>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    kind: { type: String, enum: OFFICE_KINDS, required: true },
    groupId: { type: String, required: true },
    posts: [{ _id: false, code: String, name: String, groupId: String }],
  },
  { collection: 'offices', timestamps: true },
);

export const villageSchema = new Schema<Village>(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    kind: { type: String, enum: ['村', '社区'], required: true },
  },
  { collection: 'villages', timestamps: true },
);

/** Candidate-group id of an office / a post, as written in zeebe:assignmentDefinition. */
export const officeGroupId = (code: string): string => `office:${code}`;
export const postGroupId = (code: string): string => `post:${code}`;
