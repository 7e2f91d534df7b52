//! analyze (stub).
