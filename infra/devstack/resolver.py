"""CloudFormation basics for the local stack: the template's names and types, loading it, and the resources
created from it with the resolver that evaluates intrinsic functions against them.

Physical names are deterministic: the literal name property when the template gives one (resolved, e.g.
`!Sub "${AWS::StackName}-records"`), else `local-offer-<LogicalId>` (lower-cased for buckets).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TEMPLATE_PATH = REPO_ROOT / "template.yaml"

STACK_NAME = "local-offer"
ACCOUNT_ID = "123456789012"  # moto's default account
DEFAULT_REGION = "eu-west-2"

TABLE = "AWS::DynamoDB::Table"
QUEUE = "AWS::SQS::Queue"
BUCKET = "AWS::S3::Bucket"
FUNCTION = "AWS::Serverless::Function"
CREATED_TYPES = (TABLE, QUEUE, BUCKET)

Template = Mapping[str, Any]


# ---------------------------------------------------------------------------------------------------------
# Loading and enumerating
# ---------------------------------------------------------------------------------------------------------
def load_template(path: str | Path = DEFAULT_TEMPLATE_PATH) -> dict[str, Any]:
    """Parse a CloudFormation/SAM template (short-form intrinsics such as `!Ref` become `{"Ref": ...}`)."""
    from cfnlint.decode import cfn_yaml

    return cfn_yaml.load(str(path))


def resources_of_type(template: Template, *types: str) -> dict[str, Mapping[str, Any]]:
    """Logical id -> resource definition for every resource of the given types (all when none given)."""
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if not types or resource.get("Type") in types
    }


# ---------------------------------------------------------------------------------------------------------
# Physical resources and the intrinsic-function resolver
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PhysicalResource:
    """A resource created locally: what `Ref` and `Fn::GetAtt` on its logical id evaluate to."""

    logical_id: str
    type: str
    name: str
    arn: str
    url: str | None = None  # SQS queue URL
    attributes: Mapping[str, str] = field(default_factory=dict)  # extra GetAtt values, e.g. StreamArn

    @property
    def ref(self) -> str:
        """`Ref` semantics: the queue URL for SQS, the name for tables and buckets."""
        return self.url if self.type == QUEUE and self.url else self.name

    def get_att(self, attribute: str) -> str:
        """`Fn::GetAtt` semantics; raises Unresolvable for attributes the local stack does not model."""
        values = {"Arn": self.arn, **self.attributes}
        if self.type == QUEUE:
            values.update(QueueName=self.name, QueueUrl=self.url or "")
        if attribute not in values or not values[attribute]:
            raise Unresolvable(f"{self.logical_id}.{attribute}")
        return values[attribute]


class Unresolvable(Exception):
    """An intrinsic refers to something the local stack does not create (an OpenSearch domain, an API...)."""


class Resolver:
    """Evaluates intrinsic functions against parameters' defaults, pseudo parameters and created resources."""

    def __init__(
        self,
        template: Template,
        resources: Mapping[str, PhysicalResource] | None = None,
        *,
        region: str = DEFAULT_REGION,
        stack_name: str = STACK_NAME,
        account_id: str = ACCOUNT_ID,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.resources = resources if resources is not None else {}
        self.pseudo = {
            "AWS::Region": region,
            "AWS::AccountId": account_id,
            "AWS::StackName": stack_name,
            "AWS::StackId": f"arn:aws:cloudformation:{region}:{account_id}:stack/{stack_name}/local",
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        self.parameters = {
            name: str(definition["Default"])
            for name, definition in template.get("Parameters", {}).items()
            if "Default" in definition
        } | dict(parameters or {})

    def resolve(self, value: Any) -> Any:
        """The plain value of `value` (recursively); raises Unresolvable."""
        if isinstance(value, Mapping):
            if len(value) == 1:
                (key, argument), *_ = value.items()
                if key == "Ref":
                    return self.ref(argument)
                if key.startswith("Fn::") or key == "Condition":
                    return self._intrinsic(key, argument)
            return {key: self.resolve(item) for key, item in value.items() if not self._is_no_value(item)}
        if isinstance(value, list):
            return [self.resolve(item) for item in value if not self._is_no_value(item)]
        return value

    def ref(self, name: str) -> str:
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            return self.resources[name].ref
        raise Unresolvable(f"Ref {name}")

    def get_att(self, logical_id: str, attribute: str) -> str:
        if logical_id not in self.resources:
            raise Unresolvable(f"{logical_id}.{attribute}")
        return self.resources[logical_id].get_att(attribute)

    def condition(self, name: str) -> bool:
        """Evaluate a named condition from the template's Conditions section."""
        conditions = self.template.get("Conditions", {})
        if name not in conditions:
            raise Unresolvable(f"Condition {name}")
        return bool(self.resolve(conditions[name]))

    @staticmethod
    def _is_no_value(value: Any) -> bool:
        return isinstance(value, Mapping) and dict(value) == {"Ref": "AWS::NoValue"}

    def _intrinsic(self, key: str, argument: Any) -> Any:
        if key == "Fn::GetAtt":
            logical_id, attribute = argument.split(".", 1) if isinstance(argument, str) else argument
            return self.get_att(logical_id, self.resolve(attribute))
        if key == "Fn::Sub":
            return self._sub(argument)
        if key == "Fn::Join":
            separator, items = argument
            return separator.join(str(item) for item in self.resolve(items))
        if key == "Fn::Select":
            index, items = argument
            return self.resolve(items)[int(self.resolve(index))]
        if key == "Fn::Split":
            separator, text = argument
            return self.resolve(text).split(separator)
        if key == "Fn::If":
            name, when_true, when_false = argument
            return self.resolve(when_true if self.condition(name) else when_false)
        if key == "Fn::Equals":
            left, right = (self.resolve(item) for item in argument)
            return str(left) == str(right)
        if key == "Fn::Not":
            return not self.resolve(argument[0])
        if key == "Fn::And":
            return all(self.resolve(item) for item in argument)
        if key == "Fn::Or":
            return any(self.resolve(item) for item in argument)
        if key == "Condition":
            return self.condition(argument)
        raise Unresolvable(key)  # Fn::ImportValue, Fn::FindInMap, Fn::GetAZs, ...

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument
        variables = {name: self.resolve(value) for name, value in variables.items()}

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"  # ${!Literal}
            if name in variables:
                return str(variables[name])
            if "." in name:
                logical_id, attribute = name.split(".", 1)
                return self.get_att(logical_id, attribute)
            return self.ref(name)

        return re.sub(r"\$\{([^}]+)\}", replace, text)


def references(value: Any) -> set[str]:
    """Logical ids (and parameter names) that an intrinsic expression refers to."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for key, argument in value.items():
            if key == "Ref" and isinstance(argument, str):
                found.add(argument)
            elif key == "Fn::GetAtt":
                found.add(argument.split(".", 1)[0] if isinstance(argument, str) else argument[0])
            elif key == "Fn::Sub":
                text = argument if isinstance(argument, str) else argument[0]
                found.update(name.split(".", 1)[0] for name in re.findall(r"\$\{([^}!][^}]*)\}", text))
                found.update(references(argument if isinstance(argument, str) else argument[1]))
            else:
                found.update(references(argument))
    elif isinstance(value, list):
        for item in value:
            found.update(references(item))
    return found
