using System.Security.Cryptography;
using System.Text;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>
/// The import YAML as Rancher serves it at <c>/v3/import/{token}_{clusterId}.yaml</c> (the objects and order of the protocol
/// facts): ClusterRole + binding for the API server proxy, Namespace cattle-system, ServiceAccount cattle, the admin
/// binding, the credentials Secret (base64 url, token, namespace), ClusterRole cattle-admin, the cluster-agent Deployment
/// and its Service.
/// </summary>
internal static class FakeImportYaml
{
    public static string For(string rancherUrl, string token)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rancherUrl + token)))[..10];
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        return $"""
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: proxy-clusterrole-kubeapiserver
            rules:
            - apiGroups: [""]
              resources: [nodes/metrics, nodes/proxy, nodes/stats, nodes/log, nodes/spec]
              verbs: [get, list, watch, create]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: proxy-role-binding-kubernetes-master
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: proxy-clusterrole-kubeapiserver
            subjects:
            - apiGroup: rbac.authorization.k8s.io
              kind: User
              name: kube-apiserver
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: cattle-system
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: cattle
              namespace: cattle-system
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: cattle-admin-binding
              labels:
                cattle.io/creator: "norman"
            subjects:
            - kind: ServiceAccount
              name: cattle
              namespace: cattle-system
            roleRef:
              kind: ClusterRole
              name: cattle-admin
              apiGroup: rbac.authorization.k8s.io
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: cattle-credentials-{key}
              namespace: cattle-system
            type: Opaque
            data:
              url: "{B64(rancherUrl)}"
              token: "{B64(token)}"
              namespace: ""
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: cattle-admin
              labels:
                cattle.io/creator: "norman"
            rules:
            - apiGroups: ['*']
              resources: ['*']
              verbs: ['*']
            - nonResourceURLs: ['*']
              verbs: ['*']
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cattle-cluster-agent
              namespace: cattle-system
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: cattle-cluster-agent
              template:
                metadata:
                  labels:
                    app: cattle-cluster-agent
                spec:
                  serviceAccountName: cattle
                  containers:
                  - name: cluster-register
                    image: rancher/rancher-agent:v2.9.2
                    env:
                    - name: CATTLE_SERVER
                      value: "{rancherUrl}"
                    - name: CATTLE_CA_CHECKSUM
                      value: ""
                    - name: CATTLE_CLUSTER
                      value: "true"
                    - name: CATTLE_K8S_MANAGED
                      value: "true"
                    volumeMounts:
                    - name: cattle-credentials
                      mountPath: /cattle-credentials
                      readOnly: true
                  volumes:
                  - name: cattle-credentials
                    secret:
                      secretName: cattle-credentials-{key}
                      defaultMode: 320
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: cattle-cluster-agent
              namespace: cattle-system
            spec:
              ports:
              - port: 80
                targetPort: 80
                protocol: TCP
                name: http
              selector:
                app: cattle-cluster-agent
            """;
    }

    /// <summary>What a broken proxy or a wrong URL might serve instead: not YAML a cluster can be made of.</summary>
    public const string Broken = "apiVersion: v1\nkind: Secret\nmetadata: {name: [unclosed\n";
}
