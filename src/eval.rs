//! Figures against gold annotations, by the rules of the shared scorer.
