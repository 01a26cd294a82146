//! The execution loop: iterations, folder order, `setNextRequest`, `--bail`,
//! delays and timeouts. It emits [`RunEvent`]s and knows no output format.

mod result;

pub use result::*;
