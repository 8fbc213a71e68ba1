/**
 * Vitest setup: TF.js's banner recommending tfjs-node (which downloads a native binary at
 * install, so this project does not use it) would repeat in every test file's output.
 */
import * as tf from '@tensorflow/tfjs';

tf.env().set('IS_TEST', true);
