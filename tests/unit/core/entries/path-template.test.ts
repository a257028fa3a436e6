import { describe, expect, it } from 'vitest';
import { MAX_PATH_UNITS, pathTemplate } from '../../../../core/entries/path-template';

describe('pathTemplate', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/apply/form', '/apply/form'],
    ['/apply/123/edit', '/apply/:n/edit'],
    ['/apply/456/edit', '/apply/:n/edit'],
    ['/apply/550e8400-e29b-41d4-a716-446655440000/form', '/apply/:id/form'],
    ['/apply/550E8400E29B41D4A716446655440000', '/apply/:id'],
    ['/doc/deadbeef1234', '/doc/:id'],
    ['/r/aB3dE5fG7hJ9kL1m', '/r/:id'],
    ['/r/a1b2c3d4e5f6g7h8', '/r/:id'],
    ['/application-form-2026', '/application-form-:n'],
    ['/form2.html', '/form:n.html'],
    ['/report/2026-11/list', '/report/:n-:n/list'],
    ['/v2/api/save', '/v:n/api/save'],
    ['/apply/form?id=123&name=x', '/apply/form'],
    ['/apply/form#section-2', '/apply/form'],
    ['/x;jsessionid=ABC123DEF/y.do', '/x/y.do'],
    ['/Apply//Form/', '/apply/form'],
    ['/%E5%A1%AB%E6%8A%A5/12', '/填报/:n'],
    ['/bad%E5%A1/12', '/bad%e:n%a:n/:n'],
    ['/index.html#/apply/17/edit?x=2', '/index.html#/apply/:n/edit'],
    ['/#!/case/9f86d081884c7d65/detail', '/#/case/:id/detail'],
    ['/index.html#/', '/index.html'],
  ])('%j → %s', (path, template) => {
    expect(pathTemplate(path)).toBe(template);
  });

  it('maps different ids of one form to one template', () => {
    const ids = ['/case/101/form', '/case/20260001/form', '/case/3/form?step=2'];
    expect(new Set(ids.map(pathTemplate)).size).toBe(1);
  });

  it('bounds the work on absurd input', () => {
    const template = pathTemplate(`/a/${'b'.repeat(MAX_PATH_UNITS * 10)}`);
    expect(template.length).toBeLessThanOrEqual(MAX_PATH_UNITS);
  });
});
