// Spectral custom function: OWASP API4:2019 (unrestricted resource consumption) as CAMARA's
// ruleset applies it. Every schema of type string has a maxLength (or an enum), every integer a
// minimum and a maximum (or an enum), every array a maxItems.
//
// Decided against for strings of format date-time, date and uuid: their format's grammar already
// bounds them, and Java generators turn a maxLength there into @Size on OffsetDateTime/UUID,
// which Hibernate Validator rejects at run time (HV000030). Values inside examples are skipped.

export default function schemaBounds(schema, _options, context) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return [];
  }
  const path = context.path || [];
  if (path.some((p) => p === 'example' || p === 'examples' || p === 'x-scopes')) {
    return [];
  }
  const hasEnum = Array.isArray(schema.enum) && schema.enum.length > 0;
  if (schema.type === 'string' && !hasEnum && schema.maxLength === undefined
      && !['date-time', 'date', 'uuid'].includes(schema.format)) {
    return [{ message: 'A string schema needs a maxLength (or an enum) (OWASP API4).' }];
  }
  if (schema.type === 'integer' && !hasEnum && (schema.minimum === undefined || schema.maximum === undefined)) {
    return [{ message: 'An integer schema needs a minimum and a maximum (or an enum) (OWASP API4).' }];
  }
  if (schema.type === 'array' && schema.maxItems === undefined) {
    return [{ message: 'An array schema needs a maxItems (OWASP API4).' }];
  }
  return [];
}
