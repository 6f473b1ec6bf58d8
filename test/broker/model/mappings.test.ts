import { describe, expect, it } from 'vitest';
import { evaluateMappings, parseExpression } from '../../../engine/broker/model/index.ts';
import type { VariableMapping } from '../../../engine/broker/model/index.ts';

function mapping(source: string, target: string): VariableMapping {
  return { source: parseExpression(source), target, targetPath: target.split('.') };
}

describe('evaluating variable mappings', () => {
  it('should map sources to flat targets', () => {
    // given
    const mappings = [mapping('=applicant.name', 'name'), mapping('=amount * 2', 'doubled')];

    // when
    const result = evaluateMappings(mappings, { applicant: { name: '张三' }, amount: 5 });

    // then
    expect(result).toEqual({ ok: true, value: { name: '张三', doubled: 10 } });
  });

  it('should treat a static input source as a string', () => {
    expect(evaluateMappings([mapping('1', 'count'), mapping('民政办', 'office')], {})).toEqual({
      ok: true,
      value: { count: '1', office: '民政办' },
    });
  });

  it('should build nested targets and merge targets sharing a root', () => {
    // given two mappings into the same object and one deeper
    const mappings = [
      mapping('=a', 'order.id'),
      mapping('=b', 'order.customer.name'),
      mapping('=c', 'order.customer.phone'),
    ];

    // when
    const result = evaluateMappings(mappings, { a: 1, b: '李四', c: '138' });

    // then
    expect(result).toEqual({ ok: true, value: { order: { id: 1, customer: { name: '李四', phone: '138' } } } });
  });

  it('should let a mapping see the results of the mappings before it', () => {
    const result = evaluateMappings([mapping('=amount', 'base'), mapping('=base + 1', 'next')], { amount: 1 });
    expect(result).toEqual({ ok: true, value: { base: 1, next: 2 } });
  });

  it('should map an unknown variable to null', () => {
    expect(evaluateMappings([mapping('=missing', 'x')], {})).toEqual({ ok: true, value: { x: null } });
  });

  it('should not merge a nested input target with an existing variable', () => {
    // given an existing object variable
    const variables = { order: { id: 7, status: 'open' } };

    // when an input mapping writes one nested field
    const result = evaluateMappings([mapping('="closed"', 'order.status')], variables);

    // then the input builds a fresh object
    expect(result).toEqual({ ok: true, value: { order: { status: 'closed' } } });
  });

  it('should merge a nested output target with the existing object at every level', () => {
    // given an existing object variable in the target scope
    const existing = { order: { id: 7, customer: { name: '王五', phone: '139' } } };

    // when an output mapping writes one deeply nested field
    const result = evaluateMappings([mapping('=newPhone', 'order.customer.phone')], { newPhone: '186' }, {
      mode: 'output',
      existing,
    });

    // then the other fields survive
    expect(result).toEqual({ ok: true, value: { order: { id: 7, customer: { name: '王五', phone: '186' } } } });
    expect(existing.order.customer.phone).toBe('139');
  });

  it('should replace a non-object existing value in an output target', () => {
    const result = evaluateMappings([mapping('=1', 'flag.on')], {}, { mode: 'output', existing: { flag: true } });
    expect(result).toEqual({ ok: true, value: { flag: { on: 1 } } });
  });

  it('should fail with the expression when a source cannot be parsed', () => {
    const result = evaluateMappings([mapping('=a +', 'x')], { a: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^failed to parse expression 'a \+'/);
  });
});
