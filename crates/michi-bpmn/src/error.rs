use thiserror::Error;

/// Why a file could not be imported. Every variant reads as a sentence for the person importing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BpmnError {
    #[error("the file is {size} bytes, more than the {limit} bytes Michi imports")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not valid UTF-8: line {line}, column {column}")]
    InvalidUtf8 { line: usize, column: usize },
    #[error("the file says it is encoded as {0:?}, which Michi does not read")]
    UnsupportedEncoding(String),
    #[error("the file is not valid {encoding} text")]
    InvalidEncoding { encoding: String },
    #[error("the XML is malformed at line {line}, column {column}: {message}")]
    Xml { line: u32, column: u32, message: String },
    #[error("the file contains a DTD; Michi refuses DTDs because they can expand entities")]
    Dtd,
    #[error("the file has more than {0} XML nodes, more than Michi imports")]
    TooManyNodes(u32),
    #[error("the file has more than {0} BPMN elements, more than Michi imports")]
    TooManyElements(usize),
    #[error("the file nests XML elements {depth} levels deep, deeper than the {limit} levels Michi imports")]
    TooDeep { depth: usize, limit: usize },
    #[error("the element {element} on line {line} has more than {limit} attributes, more than Michi imports")]
    TooManyAttributes { element: String, line: usize, limit: usize },
    #[error(
        "the element {element} on line {line} has more than {limit} XML namespaces in scope, more than Michi imports"
    )]
    TooManyNamespaces { element: String, line: usize, limit: usize },
    #[error("the file declares more than {0} XML namespaces, more than Michi imports")]
    TooManyNamespaceDeclarations(usize),
    #[error("the file's BPMN elements have more than {0} attributes in all, more than Michi imports")]
    TooManyElementAttributes(usize),
    #[error("this is not a BPMN 2.0 file: its root element is {0}")]
    NotBpmn(String),
}
