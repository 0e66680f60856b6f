//! Deployment automation described in the repository: Helm, Kubernetes, Terraform, Bicep, Pulumi,
//! GitOps controllers (Argo CD, Flux) and the Serverless Framework.

use std::collections::BTreeSet;

use super::files;
use super::kube::KubeObject;
use super::walk::{TextFile, Tree};

#[derive(Debug, Default)]
pub struct Deploy {
    pub helm: BTreeSet<String>,
    pub kubernetes: BTreeSet<String>,
    pub terraform: BTreeSet<String>,
    pub bicep: BTreeSet<String>,
    pub pulumi: BTreeSet<String>,
    pub gitops: BTreeSet<String>,
    pub serverless: BTreeSet<String>,
}

impl Deploy {
    /// Infrastructure or deployment described as code (GitOps aside).
    pub fn as_code(&self) -> Vec<&String> {
        [&self.helm, &self.kubernetes, &self.terraform, &self.bicep, &self.pulumi, &self.serverless]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// What the files' names and texts show; `kube` adds what the Kubernetes objects show. Apart so
/// that the pass over every file can run beside the detectors that find the objects.
pub fn by_files(tree: &Tree) -> Deploy {
    let mut d = Deploy::default();
    for file in &tree.files {
        let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
        let found = match name {
            "Chart.yaml" => &mut d.helm,
            "Pulumi.yaml" | "Pulumi.yml" => &mut d.pulumi,
            _ if name.ends_with(".tf") => &mut d.terraform,
            _ if name.ends_with(".bicep") => &mut d.bicep,
            _ => continue,
        };
        // Only after the name: it rules out almost every file, and this looks at each folder.
        if !files::incidental(&file.rel) {
            found.insert(file.rel.clone());
        }
    }
    // `serverless.yml` names the Serverless Framework's file, but also any text about serverless.
    let named = |t: &&TextFile| t.rel.ends_with("serverless.yml") || t.rel.ends_with("serverless.yaml");
    for file in tree.texts.iter().filter(named).filter(|t| !files::incidental(&t.rel)) {
        let top = |key: &str| file.text.lines().any(|l| l.starts_with(key));
        if top("service:") && top("provider:") {
            d.serverless.insert(file.rel.clone());
        }
    }
    d
}

/// `d` with what the Kubernetes objects show: GitOps controllers and workloads.
pub fn kube(mut d: Deploy, kube: &[KubeObject]) -> Deploy {
    for object in kube {
        let gitops = (object.api_version.contains("argoproj.io")
            && matches!(object.kind.as_str(), "Application" | "ApplicationSet"))
            || (object.api_version.contains("fluxcd.io")
                && matches!(object.kind.as_str(), "Kustomization" | "HelmRelease"));
        if gitops {
            d.gitops.insert(object.file.clone());
        } else if matches!(object.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet" | "Service") {
            d.kubernetes.insert(object.file.clone());
        }
    }
    d
}
