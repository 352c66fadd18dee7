//! A REFI-QDA project is a zip a stranger may have made: what it unpacks to is bounded (a source
//! 16 MB, the project file and all it reads 64 MB, 20,000 files in the archive), a project file with
//! a DTD is refused, and each refusal says which limit.

use std::io::{Cursor, Write};

use michi_core::Workspace;
use michi_qda::{MAX_ENTRIES, MAX_SOURCE, QdaError, import};

const PROJECT: &str = r#"<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>"#;

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_source_that_unpacks_past_its_limit_is_refused_naming_it() {
    // Spaces deflate a thousandfold: a file of a few kilobytes that unpacks to 16 MB and one byte.
    let at_limit = vec![b' '; MAX_SOURCE as usize];
    let past = vec![b' '; MAX_SOURCE as usize + 1];
    let ok = zip(&[("project.qde", PROJECT.as_bytes()), ("sources/a.txt", &at_limit)]);
    assert!(import(&ok, &Workspace::new()).is_ok());
    let bomb = zip(&[("project.qde", PROJECT.as_bytes()), ("sources/a.txt", &past)]);
    assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
    let err = import(&bomb, &Workspace::new()).unwrap_err();
    assert!(
        matches!(&err, QdaError::TooLarge(name, limit) if name == "sources/a.txt" && *limit == MAX_SOURCE),
        "{err}"
    );
    assert_eq!(err.to_string(), "sources/a.txt is larger than 16777216 bytes once unpacked");
}

#[test]
fn an_archive_of_more_files_than_the_limit_is_refused() {
    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("other/{i}")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("project.qde", PROJECT.as_bytes())];
    entries.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let err = import(&zip(&entries), &Workspace::new()).unwrap_err();
    assert_eq!(err.to_string(), "the file is not a REFI-QDA project (.qdpx): more than 20000 files in the archive");
}

#[test]
fn a_project_file_with_a_dtd_is_refused() {
    let dtd = r#"<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>"#;
    let err = import(&zip(&[("project.qde", dtd.as_bytes())]), &Workspace::new()).unwrap_err();
    assert!(matches!(&err, QdaError::Xml(m) if m.contains("DTD")), "{err}");
}
