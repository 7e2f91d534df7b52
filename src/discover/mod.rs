//! discover (stub).
