import type { z } from 'zod';
import type { Channel } from './channels.ts';
import type { contract, Out } from './contract.ts';

/** A channel's input after its schema accepted it. */
export type Parsed<C extends Channel> = z.output<(typeof contract)[C]['input']>;

/** What implements a set of channels; an implementation may be async (jobs, media). */
export type Implementations<K extends Channel = Channel> = { [C in K]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };
