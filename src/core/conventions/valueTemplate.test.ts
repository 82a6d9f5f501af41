import { describe, expect, it } from 'vitest';
import { type DecodedJson, parseJsonText } from '../payload';
import { compileTemplate, renderTemplate } from './valueTemplate';

function render(template: string, payload: string) {
  const compiled = compileTemplate(template);
  if (!compiled.ok) throw new Error(compiled.reason);
  return renderTemplate(compiled.template, payload, (): DecodedJson => parseJsonText(payload));
}

describe('value templates Hearth understands', () => {
  it.each([
    ['{{ value }}', '21.5', '21.5'],
    ['{{value}}', 'ON', 'ON'],
    ['{{ value_json.temperature }}', '{"temperature":21.34}', 21.34],
    ["{{ value_json['humidity'] }}", '{"humidity":44}', 44],
    ['{{ value_json["humidity"] }}', '{"humidity":44}', 44],
    ['{{ value_json.ENERGY.Power }}', '{"ENERGY":{"Power":8}}', 8],
    ["{{value_json['AM2301'].Temperature}}", '{"AM2301":{"Temperature":24.6}}', 24.6],
    ["{{ value_json['DHT11']['Humidity'] }}", '{"DHT11":{"Humidity":51}}', 51],
    ['{{ value_json.readings[1] }}', '{"readings":[1,2,3]}', 2],
    ['{{ value_json["DS18B20-1"].Temperature }}', '{"DS18B20-1":{"Temperature":19.5}}', 19.5],
    ['{{ value | float }}', '21.50', 21.5],
    ['{{ value | int }}', '21.9', 21],
    ['{{ value_json.t | float | round(1) }}', '{"t":"21.46"}', 21.5],
    ['{{ value_json.rain | float(0) }}', '{"rain":"n/a"}', 0],
    ['{{ value_json.missing | default(0) }}', '{"other":1}', 0],
    ['{{ value_json.state | lower }}', '{"state":"ON"}', 'on'],
    ['{{ value_json.x | is_defined }}', '{"x":3}', 3],
  ])('%s on %s gives %s', (template, payload, expected) => {
    expect(render(template, payload)).toEqual({ ok: true, value: expected });
  });

  it('says which key is missing', () => {
    expect(render('{{ value_json.temperature }}', '{"humidity":40}')).toEqual({
      ok: false,
      reason: 'no "temperature" in the payload',
    });
  });

  it('says when value_json meets a payload that is not JSON', () => {
    expect(render('{{ value_json.x }}', 'ON')).toEqual({ ok: false, reason: 'malformed JSON' });
  });

  it('says when | float meets text and no default', () => {
    expect(render('{{ value | float }}', 'unavailable')).toEqual({
      ok: false,
      reason: '"unavailable" is not a number',
    });
  });

  it('does not read prototype members as keys', () => {
    expect(render('{{ value_json.constructor }}', '{}')).toMatchObject({ ok: false });
  });
});

describe('value templates Hearth does not understand', () => {
  it.each([
    ['{{ (value_json.power / 1000) | round(2) }}'],
    ['{{ value_json.power * 10 }}'],
    ["{% if value_json.state == 'ON' %}1{% else %}0{% endif %}"],
    ['{{ value_json.a }} {{ value_json.b }}'],
    ["{{ states('sensor.x') }}"],
    ['{{ iif(value_json.on, 1, 0) }}'],
    ['{{ value_json.t | multiply(10) }}'],
    ['{{ value.x }}'],
    ['Temperature: {{ value }}'],
  ])('refuses %s with a reason naming what it reads', (template) => {
    const compiled = compileTemplate(template);
    expect(compiled.ok).toBe(false);
    expect(compiled).toMatchObject({ reason: expect.stringContaining('is not understood') });
    expect(compiled).toMatchObject({ reason: expect.stringContaining('{{ value_json.x }}') });
  });
});
