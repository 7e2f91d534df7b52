//! Build script (the provider table is generated here by the provider work).
fn main() {}
