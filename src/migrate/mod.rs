//! Migrating arguments written for other tools into `.case` files.
//!
//! Each converter is a pure function from the other tool's files (their
//! paths and texts) to the `.case` files it generates and a list of what it
//! could not carry over; the CLI (`casec import`) reads and writes the files.
//! See docs/migrating-from-gsn2x.md.

pub mod gsn2x;
