import { EngineError, EngineErrorCode } from '../errors.ts';
import type { Importance } from './types.ts';

/**
 * Reserved slot for first-order Taylor importance, |Σ g·w| per channel (Molchanov et al., "Importance Estimation
 * for Neural Network Pruning", CVPR 2019; "Pruning Convolutional Neural Networks for Resource Efficient Inference",
 * ICLR 2017). It needs gradients, which arrive with fine-tuning (W6).
 * @public
 */
export const taylorImportance: Importance = () => {
  throw new EngineError(
    EngineErrorCode.Unsupported,
    'Importance "taylor" needs gradients; it arrives with fine-tuning (W6). Use l1, l2, bn, activation or random.',
  );
};
