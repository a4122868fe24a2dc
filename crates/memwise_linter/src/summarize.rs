//! Builds a file's [`FileSummary`] during the rule walk (the same pass, the
//! same index), so whole-project rules can run after the AST is dropped.

use memwise_core::facts::decorator_callee;
use memwise_core::facts_slots::{body_insertion, class_layout};
use memwise_core::semantic::BindingId;
use memwise_core::summary::{CallSite, ClassFact, DataclassFact, Target};
use memwise_core::uses::UseKind;
use memwise_core::{BindingKind, Edit, FileSummary, ScopeId, SemanticIndex};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// Decorators that add a `__dict__`-backed class unless given `slots=True`.
const DATACLASS_DECORATORS: &[&str] = &["dataclasses.dataclass", "attr.s", "attr.attrs", "attrs.s"];

/// `attrs` decorators that make slotted classes by default.
const ATTRS_DEFINE: &[&str] = &[
    "attr.define",
    "attr.mutable",
    "attr.frozen",
    "attrs.define",
    "attrs.mutable",
    "attrs.frozen",
];

/// The summary being built, and what must wait for the end of the walk.
pub(crate) struct Summarizer<'a> {
    source: &'a str,
    index: &'a SemanticIndex,
    summary: FileSummary,
    /// `x.attr = ...` with a plain-name receiver: the receiver's range and the attribute.
    attribute_stores: Vec<(TextRange, Box<str>)>,
    /// Calls bound to a name (`x = C()`): the call's position in `calls` and the binding.
    bound_calls: Vec<(usize, BindingId)>,
}

impl<'a> Summarizer<'a> {
    pub(crate) fn new(source: &'a str, index: &'a SemanticIndex) -> Self {
        Self {
            source,
            index,
            summary: FileSummary::default(),
            attribute_stores: Vec::new(),
            bound_calls: Vec::new(),
        }
    }

    /// A statement, seen from `scope`.
    pub(crate) fn stmt(&mut self, stmt: &Stmt, scope: ScopeId) {
        match stmt {
            Stmt::ClassDef(class) if scope == ScopeId::MODULE => self.class(class),
            Stmt::Import(import) if scope == ScopeId::MODULE => {
                for alias in &import.names {
                    let (bound, target) = if let Some(asname) = &alias.asname {
                        (asname.id.as_str(), alias.name.id.as_str())
                    } else {
                        let root = alias.name.id.split('.').next().unwrap_or_default();
                        (root, root)
                    };
                    self.summary.imports.push((bound.into(), target.into()));
                }
            }
            Stmt::ImportFrom(import) if scope == ScopeId::MODULE => {
                let mut module = ".".repeat(import.level as usize);
                if let Some(name) = &import.module {
                    module.push_str(name.id.as_str());
                }
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                    let target = if module.ends_with('.') {
                        format!("{module}{}", alias.name.id)
                    } else {
                        format!("{module}.{}", alias.name.id)
                    };
                    self.summary.imports.push((bound.into(), target.into()));
                }
            }
            Stmt::Assign(assign) => assign.targets.iter().for_each(|t| self.store_target(t)),
            Stmt::AnnAssign(assign) if assign.value.is_some() => self.store_target(&assign.target),
            Stmt::AugAssign(assign) => self.store_target(&assign.target),
            _ => {}
        }
    }

    fn store_target(&mut self, target: &Expr) {
        match target {
            Expr::Attribute(attribute) => {
                if let Expr::Name(receiver) = attribute.value.as_ref() {
                    self.attribute_stores
                        .push((receiver.range, attribute.attr.as_str().into()));
                }
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| self.store_target(e)),
            Expr::List(list) => list.elts.iter().for_each(|e| self.store_target(e)),
            _ => {}
        }
    }

    /// An expression, seen from `scope`; `statement` is the innermost statement around it.
    pub(crate) fn expr(&mut self, expr: &Expr, scope: ScopeId, statement: Option<&Stmt>) {
        let Expr::Call(call) = expr else {
            return;
        };
        let Some((target, root)) = self.target(scope, &call.func) else {
            return;
        };
        let Some(binding) = self
            .index
            .resolve_name(scope, root.id.as_str(), root.start())
        else {
            return;
        };
        let in_loop = self
            .index
            .binding(binding)
            .uses
            .iter()
            .find(|u| u.range == root.range)
            .is_some_and(|u| u.innermost_loop.is_some());
        // `x = C(...)`: attributes later set through `x` come from outside the class.
        let bound = match statement {
            Some(Stmt::Assign(ast::StmtAssign { targets, value, .. }))
                if value.range() == call.range() =>
            {
                match targets.as_slice() {
                    [Expr::Name(name)] => {
                        self.index.binding_at(scope, name.id.as_str(), name.range)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if !in_loop && bound.is_none() {
            return;
        }
        if let Some(bound) = bound {
            self.bound_calls.push((self.summary.calls.len(), bound));
        }
        self.summary.calls.push(CallSite {
            target,
            in_loop,
            range: call.range(),
            stored_attributes: Vec::new(),
        });
    }

    /// What a callee or a base refers to, and the name at its root.
    fn target<'e>(&self, scope: ScopeId, expr: &'e Expr) -> Option<(Target, &'e ast::ExprName)> {
        let mut root = expr;
        while let Expr::Attribute(attribute) = root {
            root = &attribute.value;
        }
        let Expr::Name(name) = root else {
            return None;
        };
        let binding = self
            .index
            .resolve_name(scope, name.id.as_str(), name.start())?;
        let binding = self.index.binding(binding);
        match &binding.kind {
            BindingKind::ClassDef if binding.scope == ScopeId::MODULE && expr.is_name_expr() => {
                Some((Target::Local(name.id.as_str().into()), name))
            }
            BindingKind::Import(_) => {
                let qualified = self.index.qualified_name(scope, expr)?;
                Some((Target::Imported(qualified.as_str().into()), name))
            }
            _ => None,
        }
    }

    fn class(&mut self, class: &ast::StmtClassDef) {
        let scope = ScopeId::MODULE;
        let mut bases = Vec::new();
        let mut has_keywords = false;
        if let Some(arguments) = class.arguments.as_deref() {
            has_keywords = !arguments.keywords.is_empty();
            for base in &arguments.args {
                if base.is_starred_expr() {
                    has_keywords = true;
                    continue;
                }
                if let Expr::Name(name) = base
                    && name.id.as_str() == "object"
                    && self
                        .index
                        .resolve_name(scope, "object", name.start())
                        .is_none()
                {
                    continue;
                }
                bases.push(self.target(scope, base).map_or(Target::Unknown, |(t, _)| t));
            }
        }
        let mut dataclass = None;
        let mut attrs_define = false;
        for decorator in &class.decorator_list {
            let callee = decorator_callee(&decorator.expression);
            let Some(qualified) = self.index.qualified_name(scope, callee) else {
                continue;
            };
            if ATTRS_DEFINE.contains(&qualified.as_str()) {
                attrs_define = true;
            } else if DATACLASS_DECORATORS.contains(&qualified.as_str()) {
                dataclass = Some(self.dataclass(&decorator.expression, callee));
            }
        }
        let layout = class_layout(class);
        let insertion = body_insertion(self.source, class);
        self.summary.classes.push(ClassFact {
            name: class.name.id.as_str().into(),
            name_range: class.name.range,
            bases,
            has_keywords,
            decorated: !class.decorator_list.is_empty(),
            dataclass,
            attrs_define,
            has_slots: layout.has_slots,
            self_attributes: layout.self_attributes,
            fields: layout.fields,
            class_assignments: layout.class_assignments,
            class_definitions: layout.class_definitions,
            needs_dict: layout.needs_dict,
            zero_argument_super: layout.zero_argument_super,
            slots_at: insertion.as_ref().map(|(at, _)| *at),
            slots_indent: insertion.map(|(_, indent)| indent.into_boxed_str()),
        });
    }

    fn dataclass(&self, expression: &Expr, callee: &Expr) -> DataclassFact {
        let name = self.source[callee.range()].into();
        let (has_slots_argument, fix) = match expression {
            Expr::Call(call) => {
                let has_slots = call
                    .arguments
                    .keywords
                    .iter()
                    .any(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "slots"));
                let last = call
                    .arguments
                    .args
                    .iter()
                    .map(Ranged::end)
                    .chain(call.arguments.keywords.iter().map(Ranged::end))
                    .max();
                let fix = match last {
                    Some(end) => Edit {
                        range: TextRange::empty(end),
                        content: ", slots=True".to_owned(),
                    },
                    None => Edit {
                        range: TextRange::empty(call.arguments.end() - TextSize::from(1)),
                        content: "slots=True".to_owned(),
                    },
                };
                (has_slots, Some(fix))
            }
            _ => (
                false,
                Some(Edit {
                    range: TextRange::empty(expression.end()),
                    content: "(slots=True)".to_owned(),
                }),
            ),
        };
        DataclassFact {
            range: expression.range(),
            name,
            has_slots_argument,
            fix,
        }
    }

    /// The finished summary: attributes set through names bound to calls
    /// are matched now that every store has been seen.
    pub(crate) fn finish(mut self) -> FileSummary {
        if !self.bound_calls.is_empty() && !self.attribute_stores.is_empty() {
            self.attribute_stores
                .sort_unstable_by_key(|(r, _)| r.start());
            for (call, binding) in &self.bound_calls {
                let mut attributes: Vec<Box<str>> = Vec::new();
                for used in &self.index.binding(*binding).uses {
                    if used.kind != UseKind::Attribute {
                        continue;
                    }
                    if let Ok(found) = self
                        .attribute_stores
                        .binary_search_by_key(&used.range.start(), |(r, _)| r.start())
                    {
                        attributes.push(self.attribute_stores[found].1.clone());
                    }
                }
                self.summary.calls[*call].stored_attributes = attributes;
            }
        }
        self.summary
            .calls
            .retain(|c| c.in_loop || !c.stored_attributes.is_empty());
        self.summary.calls.shrink_to_fit();
        self.summary
    }
}
