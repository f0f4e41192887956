import { z } from 'zod'
import { action, id } from '../schema'

export const coverage = z.object({ withMentor: z.number().int(), ordinary: z.number().int(), ratio: z.number() })

export const circleActions = {
  autoAssign: action({
    summary: '“1+10”联系制：为小组内普通同学自动分配联系党员（每名党员至多10人）',
    input: z.object({ groupId: id }).strict(),
    output: z.object({ assigned: z.number().int(), unassigned: z.number().int(), coverage }),
    access: { admin: 'any', advisor: 'group', liaison: 'group' }
  }),
  setMentor: action({
    summary: '手动调整某同学的联系党员',
    input: z.object({ studentId: id, mentorId: id.nullable() }).strict(),
    output: z.object({ studentId: z.string(), mentorId: z.string().nullable() }),
    access: { admin: 'any', advisor: 'group', liaison: 'group' }
  }),
  list: action({
    // Circles name the Party members (as mentors): only those who see political statuses.
    summary: '小组的“1+10”联系圈',
    input: z.object({ groupId: id }).strict(),
    output: z.object({
      circles: z.array(z.object({ mentor: z.object({ id: z.string(), name: z.string() }), mentees: z.array(z.object({ id: z.string(), name: z.string() })) })),
      withoutMentor: z.array(z.object({ id: z.string(), name: z.string() })),
      coverage
    }),
    access: { admin: 'any', advisor: 'group', liaison: 'group' }
  }),
  coverage: action({
    summary: '“1+10”覆盖率（有联系党员的普通同学 / 全部普通同学）',
    input: z.object({ groupId: id.optional() }).strict(),
    output: coverage,
    access: { admin: 'any' }
  })
}
