import type { z } from 'zod';

/** One contract method: its zod input schema and (as a phantom type) its output. */
export type MethodSpec<I extends z.ZodType, O> = {
  input: I;
  /** Never read at run time; carries the output type. */
  readonly __output?: O;
};

/** Declare a method whose output is `O`: `method<Trade>()(z.object({...}))`. */
export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}
