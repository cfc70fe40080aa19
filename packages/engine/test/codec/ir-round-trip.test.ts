import { beforeAll, describe, expect, it } from 'vitest';
import { writeModel } from '../../src/onnx/codec.ts';
import { expectBytesEqual, installFastByteEquality } from '../helpers/byte-equality.ts';
import { MODEL_FIXTURES } from '../fixtures/index.ts';
import { dtypeZooModel } from './models/dtype-zoo.ts';
import { structureZooModel } from './models/structure-zoo.ts';
import { decodeToIr, roundTrip } from './round-trip.ts';

beforeAll(installFastByteEquality);

describe.each(MODEL_FIXTURES)('fixture $name through writeModel and back', (fixture) => {
  it('decodes to an IR deep-equal to the one written', () => {
    const model = fixture.build();
    expect(roundTrip(model)).toStrictEqual(model);
  });

  it('re-encodes its own output byte-identically', () => {
    const bytes = writeModel(fixture.build());
    expectBytesEqual(writeModel(decodeToIr(bytes)), bytes);
  });
});

describe.each([
  { name: 'dtype zoo', build: dtypeZooModel },
  { name: 'structure zoo', build: structureZooModel },
])('$name through writeModel and back', ({ build }) => {
  it('decodes to an IR deep-equal to the one written', () => {
    const model = build();
    expect(roundTrip(model)).toStrictEqual(model);
  });

  it('re-encodes its own output byte-identically', () => {
    const bytes = writeModel(build());
    expectBytesEqual(writeModel(decodeToIr(bytes)), bytes);
  });
});
